/**
 * Runs `job` every `everyMs` in this process, the first time after `firstAfterMs`. A run that
 * fails is logged and tried again at the next tick. Returns the function that stops it.
 */
export function every(
  name: string,
  everyMs: number,
  job: () => Promise<unknown>,
  log: (line: string) => void,
  firstAfterMs = 60_000,
): () => void {
  const run = () => {
    job().catch((err: unknown) => log(`La tarea ${name} falló: ${String(err)}`));
  };
  const first = setTimeout(run, firstAfterMs);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
