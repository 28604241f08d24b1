import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from './config/app-config';
import { WorkerModule } from './worker.module';

/**
 * The matching worker: an application context with no HTTP port. Start as many as you
 * like, on as many machines; they share the queue. On SIGTERM the BullMQ worker closes,
 * letting the jobs under way finish, and the process exits 0.
 */
async function bootstrap(): Promise<void> {
  loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      void app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  console.log(`Lianrong matching worker started (pid ${process.pid})`);
}

void bootstrap();
