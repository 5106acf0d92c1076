// A page that could not be shown: what happened, in a sentence, and the way back.
import { Layout } from '../components/layout';
import type { PageContext } from '../render';

export function ProblemPage({ ctx, title, message }: { ctx: Pick<PageContext, 'assets'> & Partial<PageContext>; title: string; message: string }) {
  return (
    <Layout ctx={ctx} title={title}>
      <p class="notice error" role="alert">
        {message}
      </p>
      <p>
        <a href="/tenants">Back to the tenants</a>
      </p>
    </Layout>
  );
}
