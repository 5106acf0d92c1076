// Moments in the viewer's own timezone; with `data-zone`, the tenant's beside it.
// Fields rather than dateStyle/timeStyle: Intl refuses a timeZoneName beside those.
const format = (date: Date, timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(date);

export function localTimes(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    const date = new Date(element.dateTime);
    if (Number.isNaN(date.getTime())) continue;
    const zone = element.dataset.zone;
    element.textContent = zone ? `${format(date)} (${format(date, zone)} in ${zone})` : format(date);
    element.title = element.dateTime;
  }
}
