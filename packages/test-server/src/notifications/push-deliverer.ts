import { PushChannel, type PushChannelDeps } from './push-channel.js';

/**
 * Starts a PushChannel for every push subscription the server's table gains, and stops them all
 * when the server closes (no notification goes out after `close()`).
 */
export class PushDeliverer {
  private readonly channels = new Set<PushChannel>();
  private readonly unwatch: () => void;
  private closed = false;

  constructor(deps: PushChannelDeps) {
    this.unwatch = deps.state.subscriptions.watchAdded((subscription) => {
      if (this.closed || subscription.kind !== 'push') return;
      try {
        this.channels.add(new PushChannel(deps, subscription, (channel) => this.channels.delete(channel)));
      } catch (error) {
        deps.report(error);
      }
    });
    deps.closed.addEventListener('abort', () => this.close(), { once: true });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unwatch();
    for (const channel of [...this.channels]) channel.stop();
  }
}
