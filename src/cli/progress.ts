import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr, so stdout keeps only the summary. Where stderr is not a
 * terminal (a log, a CI job) it prints a line every two seconds instead of redrawing.
 */
export function progressBar(): SingleBar {
  return new SingleBar(
    {
      format: '{label} [{bar}] {value}/{total}',
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
}
