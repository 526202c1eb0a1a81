import type { Config } from '../config/load.js';
import type { CorpusReads } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import type { IssueSource } from '../issue/source.js';
import { frontmatterFacts } from '../issue/workspace.js';
import { growHeapSlowly } from '../workers/heap.js';
import { childModule, ProcessPool } from '../workers/process-pool.js';
import type { IssueSummary } from './issue-output.js';

/** An issue file a render worker (render-worker.ts) renders: its path, and the hash of its bytes the main process read. */
export interface RenderItem {
  path: string;
  hash: string;
}

/** What a render worker answers for an issue file: its summary and what it read of the other issues (the output is in the build cache), or that the file changed since the main process read it, or why it cannot be rendered. */
export type RenderOutcome =
  | { path: string; summary: IssueSummary; reads: CorpusReads }
  | { path: string; stale: true }
  | { path: string; failure: { code: string; message: string; exitCode: number; hint: string | undefined } };

/** An issue file whose facts a render worker reads (its frontmatter alone), before any is rendered. */
export type FactsItem = RenderItem & { facts: true };

/** The facts of a `FactsItem`'s file, or that its bytes are no longer those its hash names (the main process reads it then). */
export type FactsOutcome = { path: string; facts: IssueFacts } | { path: string; stale: true };

/** What each stage of the work does in the main process (its share), and what it is told. */
interface Stage {
  here(item: RenderItem | FactsItem): RenderOutcome | FactsOutcome;
  handedOff?(items: readonly (RenderItem | FactsItem)[]): void;
  progress?(done: number, added: number): void;
}

/**
 * The render workers of a build (one child process per core but one, the
 * main process taking a share: workers/process-pool.ts), kept for its two
 * stages: the facts of the issue files the facts cache lacks, then the
 * renderings the build cache lacks. Started before the main process loads
 * the workspace, a child loads its modules meanwhile, and reads half the
 * frontmatter: on a cold build of the 1,000-issue bench corpus the main
 * process read every issue's facts alone (~3.5 s of a profiled build,
 * `--cpu-prof`), then started the child, which began rendering ~1.5 s
 * later. Each process holds its own modules and workspace (~150 MB on
 * 1,000 issues): a child's heap is capped at 384 MB, its young generation
 * at 2 × 8 MB (V8's default is 2 × 16 MB: the worker's peak went from
 * ~245 to ~220 MB); two processes peaked at 465–476 MB together, three at
 * 709 MB.
 */
export class RenderPool {
  private stage: Stage | undefined;
  private readonly pool: ProcessPool<RenderItem | FactsItem, RenderOutcome | FactsOutcome>;

  private constructor(config: Config) {
    growHeapSlowly();
    this.pool = ProcessPool.start<Config, RenderItem | FactsItem, RenderOutcome | FactsOutcome>({
      module: childModule('render-worker', import.meta.url),
      setup: config,
      name: 'render',
      execArgv: ['--max-old-space-size=384', '--max-semi-space-size=8'],
      here: (item) => this.stage!.here(item),
      handedOff: (items) => this.stage?.handedOff?.(items),
      progress: (done, added) => this.stage?.progress?.(done, added),
    });
  }

  /** Starts the children: they load their modules while the caller goes on. */
  static start(config: Config): RenderPool {
    return new RenderPool(config);
  }

  /**
   * The facts of `sources` (readable files each), read here and by the
   * children (who read each file themselves), by path: the facts
   * `frontmatterFacts` gives of each. A file whose bytes a child found
   * changed since `sources` were read is not in the map (its caller reads
   * it again). Rejects when a child fails.
   */
  async facts(sources: readonly IssueSource[]): Promise<Map<string, IssueFacts>> {
    const byPath = new Map(sources.map((source) => [source.path, source]));
    this.stage = { here: ({ path }) => ({ path, facts: frontmatterFacts(byPath.get(path)!) }) };
    this.pool.add(sources.map(({ path, hash }): FactsItem => ({ path, hash, facts: true })));
    const outcomes = (await this.pool.drain()) as FactsOutcome[];
    return new Map(outcomes.flatMap((outcome) => ('facts' in outcome ? [[outcome.path, outcome.facts] as const] : [])));
  }

  /** Renders `items`, here with `stage.here` and in the children, in the order their outcomes came back (see ProcessPool's options for `handedOff` and `progress`). Rejects when a child fails. */
  async render(items: readonly RenderItem[], stage: Stage & { here(item: RenderItem): RenderOutcome }): Promise<RenderOutcome[]> {
    this.stage = stage;
    this.pool.add(items);
    return (await this.pool.drain()) as RenderOutcome[];
  }

  /** Lets the children go once their work is done (they exit). */
  async finish(): Promise<void> {
    await this.pool.finish();
  }

  /** Stops the children at once (the build failed). */
  terminate(): void {
    this.pool.terminate();
  }
}
