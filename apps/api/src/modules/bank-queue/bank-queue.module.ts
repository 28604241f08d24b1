import { Module } from '@nestjs/common';
import { FirmsModule } from '../firms/firms.module';
import { MatchesModule } from '../matches/matches.module';
import { BankFirmViewService } from './bank-firm-view.service';
import { BankFirmsController } from './bank-firms.controller';
import { BankQueueController } from './bank-queue.controller';
import { BankQueueService } from './bank-queue.service';
import { QueueReadsCache } from './queue-reads-cache';
import { QueueExportService } from './queue-export.service';

/** The officer's desk: the queue across the bank's products, its export, and a firm under review. */
@Module({
  imports: [FirmsModule, MatchesModule],
  controllers: [BankQueueController, BankFirmsController],
  providers: [BankQueueService, QueueReadsCache, QueueExportService, BankFirmViewService],
})
export class BankQueueModule {}
