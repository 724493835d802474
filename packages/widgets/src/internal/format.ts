// Dates as the dialog writes them: YYYY-MM-DD in the SmartServer's time zone (R16).
const formats = new Map<string, Intl.DateTimeFormat>();

export function isoDay(instant: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      // An unknown zone from a server must not break rendering: the UTC day is close enough.
      return instant.slice(0, 10);
    }
    formats.set(timeZone, format);
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant.slice(0, 10) : format.format(date);
}
