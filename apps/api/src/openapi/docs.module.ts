import { Module } from '@nestjs/common';
import { DocsSessionController } from './docs-session.controller';

/** The HTTP side of the API docs; the docs themselves are mounted by configureApp. */
@Module({ controllers: [DocsSessionController] })
export class DocsModule {}
