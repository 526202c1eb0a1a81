/**
 * Renders `delay` ms after the last request, one render at a time: a
 * request during a render runs another one after it, so the last save is
 * always the one shown. Nothing runs after `cancel`.
 */
export class RenderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private requestedWhileRunning = false;
  private cancelled = false;

  constructor(
    private readonly render: () => Promise<void>,
    private readonly delay: number,
  ) {}

  schedule(): void {
    if (this.cancelled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), this.delay);
  }

  async runNow(): Promise<void> {
    if (this.cancelled) return;
    if (this.running) {
      this.requestedWhileRunning = true;
      return;
    }
    this.running = true;
    try {
      await this.render();
    } finally {
      this.running = false;
    }
    if (this.requestedWhileRunning) {
      this.requestedWhileRunning = false;
      this.schedule();
    }
  }

  cancel(): void {
    this.cancelled = true;
    clearTimeout(this.timer);
  }
}
