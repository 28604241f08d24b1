import { Module } from '@nestjs/common';
import { BullBoardSessionController } from './bull-board-session.controller';

/** The HTTP side of the queue board; the board itself is mounted by configureApp. */
@Module({ controllers: [BullBoardSessionController] })
export class BullBoardModule {}
