// Every table of the console's database, for drizzle queries and drizzle-kit migrations.
export * from './people';
export * from './money';
export * from './records';
export * from './sync';
export * from './write-side';
export * from './codes';
export * from './payout-runs';
export * from './refunds';
export * from './attributions';
export * from './sessions';
export * from './ledger-totals';
export * from './recon-marks';
export * from './ledger-proof';
export * from './recon-stripe-read';
export * from './payment-proof';
