/**
 * The simulated server's default calling list and campaign: Japanese and US contacts, chains of
 * one to three numbers, mixed time zones. One Tokyo number lacks its area code, so W-9 can be tried.
 */
import { AGENT_CALL_RESULTS, type Campaign, type Chain, type ContactRecord, type PhoneType } from '../../domain/types.js';

export const DEFAULT_CAMPAIGN: Campaign = {
  id: 'cmp-autumn-renewal',
  name: 'Autumn Renewal 2026',
  mode: 'push-preview',
  acceptTimeoutSec: 30,
  staleTimeoutSec: 30 * 60,
  timeoutPolicy: 'reject',
  dispositionCodes: [
    { code: 'RENEWED', name: 'Renewed' },
    { code: 'CALLBACK', name: 'Callback requested' },
    { code: 'NOT-INTERESTED', name: 'Not interested' },
    { code: 'INFO-SENT', name: 'Information sent' },
  ],
  dispositionRequired: true,
  callResults: AGENT_CALL_RESULTS,
  telephony: 'sip',
  transferTargets: [
    { id: 'agent-sato', name: '佐藤 花子 (Sato Hanako)', kind: 'agent' },
    { id: 'agent-miller', name: 'Dana Miller', kind: 'agent' },
    { id: 'queue-retention', name: 'Retention queue', kind: 'queue' },
  ],
  conferenceTargets: [
    { id: 'sup-tanaka', name: '田中 一郎 (Supervisor)', kind: 'agent' },
    { id: 'interpreter', name: 'Interpreter line', kind: 'number' },
  ],
};

export interface ContactSeed {
  readonly fields: Readonly<Record<string, string>>;
  readonly country: string;
  readonly timeZone: string;
  readonly callFrom: number;
  readonly callTill: number;
  readonly numbers: readonly (readonly [phone: string, type: PhoneType])[];
}

const h = (hours: number) => hours * 60;

export const DEFAULT_CONTACTS: readonly ContactSeed[] = [
  {
    fields: { name: '山田 太郎', company: '山田商事株式会社', plan: 'Premium', notes: '契約更新は11月末。午前中の連絡を希望。' },
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    callFrom: h(9),
    callTill: h(21),
    numbers: [
      ['03-1234-5678', 'business'],
      ['090-1234-5678', 'mobile'],
    ],
  },
  {
    fields: { name: 'Emily Carter', company: 'Carter & Sons', plan: 'Standard', notes: 'Prefers email follow-up.' },
    country: 'US',
    timeZone: 'America/New_York',
    callFrom: h(8),
    callTill: h(20),
    numbers: [
      ['(201) 555-0123', 'business'],
      ['(201) 555-0188', 'mobile'],
      ['(201) 555-0142', 'home'],
    ],
  },
  {
    fields: { name: '佐々木 美咲', company: '', plan: 'Basic', notes: '市外局番なしで登録されている番号あり。' },
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    callFrom: h(10),
    callTill: h(20),
    numbers: [
      ['1234-5678', 'home'],
      ['080-2345-6789', 'mobile'],
    ],
  },
  {
    fields: { name: 'Miguel Alvarez', company: 'Alvarez Logistics', plan: 'Premium', notes: 'Spanish speaker; interpreter may help.' },
    country: 'US',
    timeZone: 'America/Chicago',
    callFrom: h(9),
    callTill: h(19),
    numbers: [['(312) 555-0199', 'business']],
  },
  {
    fields: { name: '鈴木 健一', company: '鈴木工業', plan: 'Standard', notes: '' },
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    callFrom: h(9),
    callTill: h(18),
    numbers: [
      ['06-6123-4567', 'business'],
      ['090-8765-4321', 'mobile'],
    ],
  },
  {
    fields: { name: 'Olivia Chen', company: 'Bayview Dental', plan: 'Basic', notes: 'Call after 10am Pacific.' },
    country: 'US',
    timeZone: 'America/Los_Angeles',
    callFrom: h(10),
    callTill: h(20),
    numbers: [
      ['(415) 555-0175', 'business'],
      ['(415) 555-0110', 'mobile'],
    ],
  },
  {
    fields: { name: '<img src=x onerror=alert(1)> 高橋', company: '<b>Bold Corp</b>', plan: 'Standard', notes: '<script>alert("xss")</script>' },
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    callFrom: h(9),
    callTill: h(21),
    numbers: [['052-123-4567', 'business']],
  },
  {
    fields: { name: 'James O’Neil', company: 'Harbor Insurance', plan: 'Premium', notes: 'Renewal due in December.' },
    country: 'US',
    timeZone: 'America/New_York',
    callFrom: h(9),
    callTill: h(21),
    numbers: [
      ['(617) 555-0133', 'business'],
      ['(617) 555-0166', 'home'],
    ],
  },
  {
    fields: { name: '伊藤 さくら', company: '伊藤デザイン事務所', plan: 'Basic', notes: '夜間は携帯へ。' },
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    callFrom: h(8),
    callTill: h(22),
    numbers: [
      ['011-234-5678', 'business'],
      ['070-1234-5678', 'mobile'],
      ['011-876-5432', 'home'],
    ],
  },
  {
    fields: { name: 'Priya Raman', company: 'Raman Consulting', plan: 'Standard', notes: '' },
    country: 'US',
    timeZone: 'America/Denver',
    callFrom: h(8),
    callTill: h(18),
    numbers: [['(303) 555-0147', 'mobile']],
  },
];

/** Build the calling list: one chain per contact, handles numbered from 1001. */
export function buildChains(contacts: readonly ContactSeed[]): Chain[] {
  let handle = 1001;
  return contacts.map((c, i) => {
    const chainId = 501 + i;
    const records: ContactRecord[] = c.numbers.map(([phone, phoneType]) => ({
      handle: handle++,
      chainId,
      phone,
      phoneType,
      country: c.country,
      timeZone: c.timeZone,
      callFrom: c.callFrom,
      callTill: c.callTill,
      callResult: null,
      attempts: 0,
      fields: c.fields,
    }));
    return { chainId, activeHandle: records[0]!.handle, records };
  });
}
