// A table of the console: scrolls sideways on a narrow screen, names itself in its caption (seen,
// or for screen readers only), and heads each column.
import type { ComponentChildren } from 'preact';

interface TableProps {
  caption: ComponentChildren;
  /** The caption for screen readers only, where the page's heading already says it. */
  hideCaption?: boolean;
  columns: readonly string[];
  class?: string;
  /** The rows. */
  children: ComponentChildren;
}

export function Table({ caption, hideCaption, columns, class: className, children }: TableProps) {
  return (
    <div class="table-wrap">
      <table class={className}>
        <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
