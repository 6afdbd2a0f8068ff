/**
 * Child process: the baseline. Plain fastify + pg Pool running the very SQL of the app
 * (buildCaseListQuery), with minimal query parsing and no validation framework.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { caseListItem, type CaseListRow } from '../src/cases/cases.repository.js';
import { decodeCursor, encodeCursor, type Cursor } from '../src/common/cursor.js';
import { serveAsChild } from './child.js';
import { caseListSql, pageLimit, parseListParams, type Params } from './list-params.js';

await serveAsChild(async ({ databaseUrl, schema, poolSize, userId }) => {
  if (!userId) throw new Error('the raw server needs the user id that our app acts for');
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    options: `-c search_path=${schema}`,
  });
  const app = Fastify();

  app.get('/cases', async (request, reply) => {
    const params = request.query as Params;
    const limit = pageLimit(params);
    let cursor: Cursor | undefined;
    try {
      cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
    } catch {
      return reply.code(400).send({ title: 'bad cursor' });
    }
    const { sql, params: values } = caseListSql(
      parseListParams(params),
      cursor,
      limit,
      new Date(),
      userId,
    );
    const rows = (await pool.query<CaseListRow>(sql, values)).rows;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(caseListItem),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ value: last.sort_value, id: last.id }) : null,
    };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
});
