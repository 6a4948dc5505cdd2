import { ConfigError } from './config/env';

/**
 * Process entry for a service: starts it, stops it gracefully on SIGTERM/SIGINT (in-flight
 * requests finish, connections close), and exits non-zero with a readable reason if start fails.
 */
export function runService(start: () => Promise<{ stop(): Promise<void> }>): void {
  start().then(
    (service) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        const force = setTimeout(() => process.exit(1), 15_000);
        force.unref();
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`shutdown after ${signal} failed:`, error);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}
