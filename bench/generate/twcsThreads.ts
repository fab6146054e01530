import type { BenchRandom } from '../lib/random';
import { BRAND_TWEETS, BRANDS, CUSTOMER_TWEETS, MONTHS, SIGNOFFS, WEEKDAYS } from './tweetPhrases';

/** One row of twcs.csv before CSV quoting. */
export interface TweetRow {
  readonly id: number;
  readonly author: string;
  readonly inbound: boolean;
  readonly createdAt: string;
  readonly text: string;
  readonly responses: number[];
  /** The id this tweet answers; it may name a tweet that is not in the file. */
  readonly parent: number | undefined;
}

const LINK_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Twitter's own date format, as in twcs.csv: `Tue Oct 31 22:10:47 +0000 2017`. */
function twitterDate(ms: number): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} +0000 ${d.getUTCFullYear()}`;
}

/** Generates threads of support tweets, 2–8 tweets alternating customer and company, with the quirks of the real file. */
export class TwcsThreadGenerator {
  private nextId = 1;
  private clock = Date.UTC(2017, 9, 1);

  constructor(private readonly random: BenchRandom) {}

  /** The rows of one thread (and its branch, if any) in the order they were tweeted. */
  thread(): TweetRow[] {
    const random = this.random;
    const customer = String(random.int(100_000, 899_999));
    const brand = random.pick(BRANDS);
    // About 5% answer a tweet that is not in the file: its id is used up and never written.
    const missingParent = random.chance(0.05) ? this.nextId++ : undefined;
    const rows: TweetRow[] = [];
    let customerTurn = !random.chance(0.03);
    let parent = missingParent;
    const length = random.int(2, 8);
    for (let at = 0; at < length; at++) {
      parent = this.tweet(rows, customerTurn, customer, brand, parent);
      customerTurn = !customerTurn;
    }
    if (random.chance(0.1)) {
      // A branch: a second reply to one of the thread's tweets, continuing for 1–3 tweets.
      const from = rows[random.int(0, rows.length - 2)]!;
      let branchParent: number | undefined = from.id;
      let branchCustomer = !from.inbound;
      for (let at = random.int(1, 3); at > 0; at--) {
        branchParent = this.tweet(rows, branchCustomer, customer, brand, branchParent);
        branchCustomer = !branchCustomer;
      }
    }
    return rows;
  }

  private tweet(
    rows: TweetRow[],
    customerTurn: boolean,
    customer: string,
    brand: string,
    parent: number | undefined,
  ): number {
    const id = this.nextId;
    this.nextId += this.random.int(1, 3);
    this.clock += this.random.int(20, 900) * 1000;
    const text = customerTurn ? this.customerText(brand) : this.brandText(customer);
    rows.push({
      id,
      author: customerTurn ? customer : brand,
      inbound: customerTurn,
      createdAt: twitterDate(this.clock),
      text,
      responses: [],
      parent,
    });
    if (parent !== undefined) rows.find((row) => row.id === parent)?.responses.push(id);
    return id;
  }

  private customerText(brand: string): string {
    const random = this.random;
    let text = `@${brand} ${random.pick(CUSTOMER_TWEETS)}`;
    if (random.chance(0.3)) text += `${random.chance(0.3) ? '\n' : ' '}${random.pick(CUSTOMER_TWEETS)}`;
    if (random.chance(0.1)) text += ` ${this.link()}`;
    return text;
  }

  private brandText(customer: string): string {
    const random = this.random;
    let text = `@${customer} ${random.pick(BRAND_TWEETS)}`;
    if (random.chance(0.25)) text += ` ${this.link()}`;
    if (random.chance(0.6)) text += random.pick(SIGNOFFS);
    return text;
  }

  private link(): string {
    let slug = '';
    for (let i = 0; i < 10; i++) slug += LINK_CHARS[this.random.int(0, LINK_CHARS.length - 1)];
    return `https://t.co/${slug}`;
  }
}
