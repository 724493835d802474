// Hands a file to the browser as a download (the activation request, a return receipt).
import type { SourceFile } from '@smartserver-licensing/client';

/** Saves `file` through the browser's download, under its name. */
export function saveFile(file: SourceFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.click();
  // The download has its own copy once it started; a minute is ample for a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
