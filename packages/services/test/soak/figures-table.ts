import type { PhaseFigures } from './reconcile.js';
import type { SoakRun } from './run-soak.js';

/** A Markdown table (the lead pastes it into the closing note). */
function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function failedSummary(phase: PhaseFigures): string {
  const total = Object.values(phase.failed).reduce((sum, n) => sum + n, 0);
  return String(total);
}

/** The soak's figures: one row per policy and phase, the failures by code and fate, the faults. */
export function figuresTable(runs: readonly SoakRun[]): string {
  const main = table(
    [
      'policy',
      'phase',
      'sent',
      'results',
      'reported ok',
      'reported failed',
      'failed not-sent / not-executed / executed',
      'failed unknown (server did / did not)',
      'server did',
      'duplicates',
      'mismatches',
    ],
    runs.flatMap((run) =>
      run.phases.map((phase) => [
        run.options.policy,
        phase.phase,
        phase.sent,
        phase.results,
        phase.reportedOk,
        failedSummary(phase),
        `${phase.failedByFate['not-sent']} / ${phase.failedByFate['not-executed']} / ${phase.failedByFate.executed}`,
        `${phase.failedByFate.unknown + phase.failedByFate.none} (${phase.unknownDone} / ${phase.unknownNotDone})`,
        phase.serverDone,
        phase.duplicates,
        phase.mismatches.length,
      ]),
    ),
  );
  const failures = table(
    ['policy', 'phase', 'code', 'fate', 'entries'],
    runs.flatMap((run) =>
      run.phases.flatMap((phase) =>
        Object.entries(phase.failed)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, count]) => {
            const [code, fate] = key.split(' ');
            return [run.options.policy, phase.phase, code ?? '', fate ?? '', count];
          }),
      ),
    ),
  );
  const mismatchKinds = table(
    ['policy', 'phase', 'mismatch', 'entries'],
    runs.flatMap((run) =>
      run.phases.flatMap((phase) => {
        const byKind = new Map<string, number>();
        for (const m of phase.mismatches) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
        return [...byKind].map(([kind, count]) => [run.options.policy, phase.phase, kind, count]);
      }),
    ),
  );
  const faults = table(
    ['policy', 'bulk requests', 'faults injected', 'seconds'],
    runs.map((run) => [
      run.options.policy,
      run.requests,
      Object.entries(run.faults)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', '),
      (run.elapsedMs / 1000).toFixed(1),
    ]),
  );
  const [first] = runs;
  const setup = first
    ? `${first.options.items} items, chunks of ${first.options.chunkSize}, ${first.options.concurrency} in flight, ` +
      `seed ${first.options.seed}, wrong-count rate ${first.options.wrongCountRate}`
    : 'no runs';
  return [
    `Bulk fault soak: ${setup}`,
    '',
    main,
    '',
    'Failed entries by code and fate:',
    '',
    failures,
    '',
    'Mismatches by kind:',
    '',
    runs.some((run) => run.phases.some((p) => p.mismatches.length > 0)) ? mismatchKinds : '(none)',
    '',
    faults,
  ].join('\n');
}
