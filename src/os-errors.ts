/** What common operating system errors mean, in words, by their Node.js error code. */
const OS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files in this process (raise the limit with ulimit -n)',
  ENFILE: 'too many open files on this system',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EIO: 'input/output error',
  ENXIO: 'no such device',
  EAGAIN: 'not ready (a non-blocking pipe or device)',
  EBUSY: 'the file is busy',
};

/**
 * One short clause for an error from the file system: the meaning of its code where known ("permission
 * denied"), else its code, else its first line. Never a stack trace.
 */
export function describeOsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return OS_ERRORS[code] ?? `system error ${code}`;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
