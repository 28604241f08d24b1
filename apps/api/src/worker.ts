import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The matching worker: an application context with no HTTP port. Start as many as you
 * like, on as many machines; they share the queue. On SIGTERM Nest closes the BullMQ
 * worker, which lets the jobs under way finish before the process exits.
 */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  console.log(`Lianrong matching worker started (pid ${process.pid})`);
}

void bootstrap();
