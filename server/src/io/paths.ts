import * as path from 'node:path';

/** Whether `file` lies below `folder` (the folder itself does not count). */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
