import type { ApolloServerPlugin, BaseContext } from "@apollo/server";

/**
 * Makes a mutation's response uncacheable (`Cache-Control: no-store`).
 * Apollo Server gives a field the cache hint of the type it returns, so
 * without this a mutation returning a hinted type (`NewsArticle`,
 * `ThreatAssessment`) would be answered as cacheable for as long as reads of
 * that type are. The subgraphs get the same from `documentCachePolicy`.
 */
export function uncacheableMutations<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation === "mutation") overallCachePolicy.restrict({ maxAge: 0 });
        },
      };
    },
  };
}
