import type pg from "pg";

/**
 * Each operation of bench/operations.ts answered by hand-written SQL, keyed by
 * operation name, returning exactly the `data` the GraphQL targets return
 * (the bench checks they are equal before it loads anything). Orders follow
 * the subgraphs' documented orders: agencies by name then id, relationships
 * in recorded (id) order, news newest first.
 */
export type FloorHandler = (pool: pg.Pool, variables: Record<string, unknown>) => Promise<unknown>;

const AGENCY_COLUMNS = `id, slug, name, short_name AS "shortName", kind, jurisdiction, description`;

interface Link {
  id: string;
  from: string;
  to: string;
  kind: string;
  status: string;
}

const LINK_COLUMNS = `id, from_agency_id AS "from", to_agency_id AS "to", kind::text AS kind, status::text AS status`;

async function namesOf(pool: pg.Pool, ids: Iterable<string>): Promise<Map<string, { id: string; slug: string; name: string }>> {
  const { rows } = await pool.query<{ id: string; slug: string; name: string }>(
    "SELECT id, slug, name FROM agencies.agency WHERE id = ANY($1::uuid[])",
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export const floorHandlers: Record<string, FloorHandler> = {
  async BenchLookup(pool, { slug }) {
    const { rows } = await pool.query(`SELECT ${AGENCY_COLUMNS} FROM agencies.agency WHERE slug = $1`, [slug]);
    return { agency: rows[0] ?? null };
  },

  async BenchDashboard(pool, { slug }) {
    const [threat, agency] = await Promise.all([
      pool.query<{ level: string; since: Date | null }>(
        `SELECT level::text AS level, since FROM threat.assessment
          WHERE scope = 'NATIONAL' ORDER BY version DESC LIMIT 1`,
      ),
      pool.query<{ id: string; name: string }>("SELECT id, name FROM agencies.agency WHERE slug = $1", [slug]),
    ]);
    const threatLevel = threat.rows[0] ?? null;
    const found = agency.rows[0];
    if (!found) return { threatLevel, agency: null };
    const [partners, news] = await Promise.all([
      // Each partner once, in the order of its first link with the agency, with its name.
      pool.query<{ id: string; slug: string; name: string }>(
        `SELECT partner.id, partner.slug, partner.name
           FROM (SELECT CASE WHEN from_agency_id = $1 THEN to_agency_id ELSE from_agency_id END AS partner_id,
                        min(id::text) AS first_link
                   FROM relationships.relationship
                  WHERE from_agency_id = $1 OR to_agency_id = $1
                  GROUP BY 1) AS links
           JOIN agencies.agency AS partner ON partner.id = links.partner_id
          ORDER BY links.first_link`,
        [found.id],
      ),
      // An instant only where its day is known; undated articles last.
      pool.query<{ slug: string; title: string; publishedAt: Date | null }>(
        `SELECT article.slug, article.title,
                CASE WHEN article.published_at_precision = 'DAY' THEN article.published_at END AS "publishedAt"
           FROM news.article_mention AS mention
           JOIN news.article AS article ON article.id = mention.article_id
          WHERE mention.agency_id = $1 AND article.withdrawn_at IS NULL
          ORDER BY article.published_at DESC NULLS LAST, article.id DESC
          LIMIT 5`,
        [found.id],
      ),
    ]);
    return { threatLevel, agency: { id: found.id, name: found.name, partners: partners.rows, news: news.rows } };
  },

  async BenchExplorer(pool, { slug }) {
    const agency = await pool.query<{ id: string }>("SELECT id FROM agencies.agency WHERE slug = $1", [slug]);
    const root = agency.rows[0]?.id;
    if (!root) return { agency: null };
    // Breadth-first over active links in either direction, each agency once.
    const walk = await pool.query<{ visited: string[] }>(
      `WITH RECURSIVE walk (depth, frontier, visited) AS (
         SELECT 0, ARRAY[$1::uuid], ARRAY[$1::uuid]
         UNION ALL
         SELECT walk.depth + 1, step.reached, walk.visited || step.reached
           FROM walk
           CROSS JOIN LATERAL (
             SELECT array_agg(DISTINCT next.agency_id ORDER BY next.agency_id) AS reached
               FROM (SELECT to_agency_id AS agency_id FROM relationships.relationship
                      WHERE from_agency_id = ANY (walk.frontier) AND status = 'ACTIVE'
                     UNION ALL
                     SELECT from_agency_id FROM relationships.relationship
                      WHERE to_agency_id = ANY (walk.frontier) AND status = 'ACTIVE') AS next
              WHERE NOT EXISTS (SELECT FROM unnest(walk.visited) AS seen (id) WHERE seen.id = next.agency_id)
           ) AS step
          WHERE walk.depth < $2 AND step.reached IS NOT NULL
       )
       SELECT visited FROM walk ORDER BY depth DESC LIMIT 1`,
      [root, 2],
    );
    const visited = walk.rows[0]?.visited ?? [root];
    const [names, links] = await Promise.all([
      namesOf(pool, visited),
      pool.query<Link>(
        `SELECT ${LINK_COLUMNS} FROM relationships.relationship
          WHERE from_agency_id = ANY ($1::uuid[]) AND to_agency_id IN (SELECT unnest($1::uuid[])) AND status = 'ACTIVE'
          ORDER BY id`,
        [visited],
      ),
    ]);
    return {
      agency: {
        id: root,
        neighbourhood: {
          nodes: visited.map((id) => names.get(id) ?? null),
          edges: links.rows.map((link) => ({
            id: link.id,
            kind: link.kind,
            status: link.status,
            from: { id: link.from },
            to: { id: link.to },
          })),
        },
      },
    };
  },

  async BenchList(pool, { first }) {
    const page = await pool.query<{ id: string; name: string }>(
      "SELECT id, name FROM agencies.agency ORDER BY name, id LIMIT $1",
      [first],
    );
    const ids = page.rows.map((row) => row.id);
    // Each agency's outgoing links with the name of the agency at the other end.
    const links = await pool.query<Link & { toName: string }>(
      `SELECT link.id, link.from_agency_id AS "from", link.to_agency_id AS "to", link.kind::text AS kind,
              link.status::text AS status, partner.name AS "toName"
         FROM relationships.relationship AS link
         JOIN agencies.agency AS partner ON partner.id = link.to_agency_id
        WHERE link.from_agency_id = ANY ($1::uuid[])
        ORDER BY link.id`,
      [ids],
    );
    const byAgency = new Map<string, (Link & { toName: string })[]>(ids.map((id) => [id, []]));
    for (const link of links.rows) byAgency.get(link.from)?.push(link);
    return {
      agencies: {
        edges: page.rows.map((agency) => ({
          node: {
            id: agency.id,
            name: agency.name,
            relationships: byAgency.get(agency.id)!.map((link) => ({
              kind: link.kind,
              status: link.status,
              to: { name: link.toName },
            })),
          },
        })),
      },
    };
  },
};
