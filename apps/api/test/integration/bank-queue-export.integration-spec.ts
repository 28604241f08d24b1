import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { EXPORT_PAGE_ROWS, EXPORT_SHEET } from '../../src/modules/bank-queue/queue-export.service';
import { type QueueWorld, seedQueueWorld } from './bank-queue-fixture';
import { bearer, createTestApp, type TestApp } from './test-app';

// supertest buffers JSON and text only; a workbook is read as raw bytes.
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

interface Item {
  id: string;
  status: string;
  score: number | null;
  product: { name: string };
  firm: {
    name: string;
    uscc: string | null;
    regionCode: string;
    chains: { name: string }[];
    whitelisted: boolean;
  };
  need: { amount: number; termMonths: number };
  suggestedLine?: number;
  appliedAt: string | null;
  waitingWorkingDays: number | null;
  overdue: boolean;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  disbursedAmount: number | null;
}

const STATUS_WORDS: Record<string, string> = {
  suggested: '系统推荐',
  applied: '企业已申请',
  contacted: '已联系',
  in_review: '审批中',
  pending_approval: '待复核',
  approved: '已授信',
  disbursed: '已放款',
  declined: '已拒绝',
  withdrawn: '已撤回',
};

describe('the officer queue as Excel (GET /bank/matches/export.xlsx)', () => {
  let t: TestApp;
  let world: QueueWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await seedQueueWorld(t, 77);
  });
  afterAll(() => t.close());

  const json = async (qs: string) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await t
        .http()
        .get(`/api/v1/bank/matches?${qs}&limit=13${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(world.officer))
        .expect(200);
      items.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };

  const workbook = async (qs: string) => {
    const res = await t
      .http()
      .get(`/api/v1/bank/matches/export.xlsx?${qs}`)
      .set(bearer(world.officer))
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/)
      .expect('Content-Disposition', /attachment; filename="bank-queue.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = book.getWorksheet(EXPORT_SHEET)!;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    });
    return { header, rows };
  };

  for (const [name, qs] of [
    ['every row, by score', 'sort=score'],
    ['applications by waiting time', 'sort=waiting&appliedOnly=true'],
    ['one product, two statuses, in Hunan', ''],
  ] as const) {
    it(`holds exactly the JSON pages' rows, in their order: ${name}`, async () => {
      const query =
        qs || `productId=${world.products[0].id}&status=suggested,applied&regionCode=430000`;
      const [items, { header, rows }] = await Promise.all([json(query), workbook(query)]);
      expect(header).toEqual(
        expect.arrayContaining([
          '企业名称',
          '需求金额（元）',
          '状态',
          '建议流动资金贷款额度（元）',
          '匹配编号',
        ]),
      );
      expect(items.length).toBeGreaterThan(0);
      expect(rows.map((r) => r['匹配编号'])).toEqual(items.map((i) => i.id));
      items.forEach((item, k) => {
        const row = rows[k];
        expect(row).toMatchObject({
          企业名称: item.firm.name,
          地区代码: item.firm.regionCode,
          贷款产品: item.product.name,
          // Money as numbers in whole yuan, not text in 万元.
          '需求金额（元）': item.need.amount,
          '期限（月）': item.need.termMonths,
          状态: STATUS_WORDS[item.status],
          白名单: item.firm.whitelisted ? '是' : '否',
          是否逾期: item.overdue ? '是' : '否',
          '建议流动资金贷款额度（元）': item.suggestedLine ?? null,
          '授信金额（元）': item.approvedAmount,
          '累计放款（元）': item.disbursedAmount,
          已等待工作日: item.waitingWorkingDays,
          产业链: item.firm.chains.map((c) => c.name).join('、') || null,
          匹配分: item.score,
        });
        if (item.approvedRateBps !== null)
          expect(row['授信利率（%）']).toBeCloseTo(item.approvedRateBps / 100, 6);
        const applied = row['申请时间（北京时间）'];
        if (item.appliedAt === null) expect(applied).toBeNull();
        // Beijing clock time: eight hours ahead of UTC, to the second.
        else
          expect(Math.round((applied as Date).getTime() / 1000)).toBe(
            Math.round((Date.parse(item.appliedAt) + 8 * 3600_000) / 1000),
          );
      });
    });
  }

  it('streams a queue longer than one internal page in the same order as the JSON', async () => {
    // More rows than the writer reads at once, so it must follow its own keyset cursor.
    const extra = EXPORT_PAGE_ROWS + 20;
    const [need] = await t.db.query(
      `SELECT n.id, n.firm_id FROM funding_needs n JOIN matches m ON m.need_id = n.id
        WHERE m.bank_id = $1 LIMIT 1`,
      [world.bankId],
    );
    await t.db.query(
      `INSERT INTO loan_products (bank_id, name, kind, amount_min, amount_max, term_min, term_max, rate_min_bps, rate_max_bps)
       SELECT $1, '批量测试贷' || g, 'credit', 100000, 5000000, 3, 24, 400, 600 FROM generate_series(1, $2) g`,
      [world.bankId, extra],
    );
    await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, in_product_top)
       SELECT $1, p.id, $2, p.bank_id, 50 + (row_number() OVER (ORDER BY p.id)) % 40, 'test', true
         FROM loan_products p WHERE p.bank_id = $3 AND p.name LIKE '批量测试贷%'`,
      [need.id, need.firm_id, world.bankId],
    );
    const [items, { rows }] = await Promise.all([json('sort=score'), workbook('sort=score')]);
    expect(rows.length).toBeGreaterThan(EXPORT_PAGE_ROWS);
    expect(rows.map((r) => r['匹配编号'])).toEqual(items.map((i) => i.id));
  });

  it('refuses a bad filter before writing anything', async () => {
    const res = await t
      .http()
      .get('/api/v1/bank/matches/export.xlsx?tier=unicorn')
      .set(bearer(world.officer))
      .expect(400);
    expect(res.body.details[0].field).toBe('tier');
    // The export reads all pages itself: a cursor or page size is not one of its parameters.
    await t
      .http()
      .get('/api/v1/bank/matches/export.xlsx?limit=5')
      .set(bearer(world.officer))
      .expect(400);
  });
});
