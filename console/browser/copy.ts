// Copy buttons: `<button data-copy="id">` copies the text of the element with that id, and says so.
export function copyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const label = button.textContent;
    button.addEventListener('click', () => {
      const text = document.getElementById(button.dataset.copy ?? '')?.textContent ?? '';
      navigator.clipboard.writeText(text).then(
        () => (button.textContent = 'Copied'),
        () => (button.textContent = 'Select and copy it by hand'),
      );
      setTimeout(() => (button.textContent = label), 3000);
    });
  }
}
