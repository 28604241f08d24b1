export { CHAIN_LEAD_BANK, CHAIN_MEMBER, compileProducts, thresholdRow } from './compile-products';
export type { CompiledProducts, ProductColumns, ThresholdRows } from './compile-products';
export {
  BLOCK_COUNT,
  COLLATERAL_BIT,
  NEED_OPEN,
  NEED_WHITELISTED,
  NeedPacker,
  PURPOSE_BIT,
  blockOf,
  packNeeds,
} from './pack-needs';
export type { NeedColumns, NeedDictionaries, NeedEntry, PackedNeeds } from './pack-needs';
export {
  KEY_SCALE,
  allocateNeedTop,
  createProductHeaps,
  drainProductHeaps,
  heapKey,
  keyCentipoints,
  rankRangeInto,
} from './rank-range';
export type { NeedTopBuffers, ProductHeaps, ProductTopLists } from './rank-range';
export {
  DEFAULT_TOP_K,
  DEFAULT_TOP_M,
  mergeProductTopLists,
  mergeProductTops,
  needTopLists,
  needTopOf,
  productRankingList,
  productTopLists,
  rankNeedAgainstProducts,
  rankProductAgainstNeeds,
  rankShard,
} from './shard-runner';
export type {
  NeedRange,
  NeedTopList,
  ProductRanking,
  ProductTopList,
  ScoredNeed,
  ScoredProduct,
  ShardOptions,
  ShardResult,
} from './shard-runner';
export { MatchWorkerPool, rankAllParallel, shareNeedColumns } from './parallel-runner';
export type { ParallelOptions, ParallelResult, PoolOptions } from './parallel-runner';
