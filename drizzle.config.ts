// drizzle-kit: `npm run db:generate` writes a new SQL migration into drizzle/ from the schema's changes.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/db/schema/index.ts',
  out: './drizzle',
});
