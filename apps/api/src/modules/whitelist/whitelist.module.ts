import { Module } from '@nestjs/common';
import { GovFirmsController, WhitelistController } from './whitelist.controller';
import { WhitelistService } from './whitelist.service';

@Module({
  controllers: [WhitelistController, GovFirmsController],
  providers: [WhitelistService],
})
export class WhitelistModule {}
