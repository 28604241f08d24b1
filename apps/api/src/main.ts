import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from './api.module';
import { AppConfig, loadConfigOrExit } from './config/app-config';
import { configureApp } from './configure-app';
import { adapterAppOptions, createHttpAdapter } from './http-adapter';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create(ApiModule, createHttpAdapter(config), {
    bufferLogs: true,
    ...adapterAppOptions(config),
  });
  configureApp(app);
  const { API_PORT } = app.get(AppConfig);
  await app.listen(API_PORT, '0.0.0.0');
  console.log(`Lianrong API listening on http://localhost:${API_PORT}/api (docs: /api/docs)`);
}

void bootstrap();
