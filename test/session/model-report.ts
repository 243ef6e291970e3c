/** What a run of the model test reports, and whether it shows the runs got somewhere. */
import type { Phase } from '../../src/domain/machine.js';

/** The phases and ends a run must reach to show it got somewhere (not every action refused). */
export const MUST_REACH: readonly Phase[] = ['ringing', 'previewing', 'dialing', 'connected', 'after-call', 'done', 'rejected'];

/** Why a report shows the runs did not get anywhere, or null. `minCompleted` per run on average. */
export function progressProblem(report: ModelReport, minCompletedPerRun = 0.02): string | null {
  const missing = MUST_REACH.filter((p) => !report.phasesSeen.includes(p));
  if (missing.length) return `runs never reached ${missing.join(', ')}`;
  const min = Math.ceil(report.numRuns * minCompletedPerRun);
  if (report.completed < min) return `only ${report.completed} interactions completed in ${report.numRuns} runs (at least ${min} expected)`;
  return null;
}

export interface ModelReport {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly message: string;
  readonly phasesSeen: Phase[];
  /** Interactions completed (Mark Done recorded by the server) over all runs. */
  readonly completed: number;
  /** Times the wrap-up defaults were applied at zero over all runs (issue 16). */
  readonly defaulted: number;
  /** Disabled Rejects and Cancels attempted over all runs (issue 16). */
  readonly attempts: number;
  /** Of the defaults applied, those on agent-1's desk (in the multi-tab variant: its tab group's). */
  readonly defaultedFirst: number;
  /** Multi-tab variant: leader tabs lost and taken over. */
  readonly handovers: number;
}
