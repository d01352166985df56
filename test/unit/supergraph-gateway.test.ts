import { describe, expect, it } from "vitest";
import { SupergraphGateway } from "../../gateway/execution/supergraph-gateway.ts";
import { readSupergraph } from "../../gateway/supergraph-file.ts";
import { ConfigError } from "../../platform/config.ts";

const noFetches = () => ({ process: () => Promise.reject(new Error("No fetch in this test.")) });

describe("the gateway over the supergraph", () => {
  it("serves the API schema and builds a data source for each subgraph at its address", () => {
    const built: string[] = [];
    const gateway = new SupergraphGateway({
      supergraphSdl: readSupergraph(),
      buildDataSource: ({ name, url }) => {
        built.push(`${name} ${url}`);
        return noFetches();
      },
      showsQueryPlans: false,
    });
    expect(gateway.schema.getQueryType()?.getFields()).toHaveProperty("agency");
    // Federation's own machinery is not part of the API.
    expect(gateway.schema.getQueryType()?.getFields()).not.toHaveProperty("_entities");
    expect(built.map((each) => each.split(" ")[0]).sort()).toEqual(["agencies", "audit", "news", "relationships", "threat"]);
  });

  it("refuses to start over a supergraph whose plans would rewrite data between fetches", () => {
    const withInterfaceObject = readSupergraph().replace(
      /@join__type\(graph: AGENCIES, key: "id"\)/,
      '@join__type(graph: AGENCIES, key: "id", isInterfaceObject: true)',
    );
    expect(withInterfaceObject).not.toBe(readSupergraph());
    expect(() => new SupergraphGateway({ supergraphSdl: withInterfaceObject, buildDataSource: noFetches, showsQueryPlans: false })).toThrow(
      new ConfigError("The supergraph uses @interfaceObject, which the gateway does not run."),
    );
  });
});
