import { parseAllDocuments, stringify } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { kubernetesBase } from "../supergraph/kubernetes.ts";
import { validateManifests, type Manifest } from "./validate-manifests.ts";

// The base as the generator writes it, with the ConfigMap and Secrets
// kustomize would generate, then one mistake at a time: each must be named.

function generatedBase(): Manifest[] {
  const files = Object.entries(kubernetesBase()).filter(([path]) => !path.endsWith("kustomization.yaml"));
  const objects = files.flatMap(([, text]) => parseAllDocuments(text).map((document) => document.toJS() as Manifest));
  const generated = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "liaison-config" }, data: { NODE_ENV: "production" } },
    ...["liaison-database", "liaison-auth", "liaison-gateway-signing-key"].map((name) => ({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name },
      data: { VALUE: Buffer.from("placeholder").toString("base64") },
    })),
  ];
  return [...objects, ...(generated as Manifest[])];
}

const render = (objects: object[]) => objects.map((object) => stringify(object)).join("---\n");
const find = (objects: Manifest[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name) as any;

let objects: Manifest[];
beforeEach(() => {
  objects = generatedBase();
});

describe("validateManifests", () => {
  it("finds nothing wrong with the generated base", async () => {
    expect(objects.filter(({ kind }) => kind === "Deployment").map(({ metadata }) => metadata.name)).toEqual([
      "gateway",
      "agencies",
      "relationships",
      "news",
      "threat",
      "audit",
    ]);
    expect(await validateManifests(render(objects))).toEqual([]);
  });

  it("checks each object against its kind's schema", async () => {
    find(objects, "Deployment", "gateway").spec.replicas = "two";
    find(objects, "Service", "news").spec.ports[0].port = "http";
    expect(await validateManifests(render(objects))).toEqual(
      expect.arrayContaining([
        "Deployment gateway: data/spec/replicas must be integer",
        expect.stringMatching(/^Service news: data\/spec\/ports\/0\/port must be integer/),
      ]),
    );
  });

  it("names kinds that do not exist and YAML that does not parse", async () => {
    find(objects, "Job", "liaison-migrate").kind = "Jobb";
    const problems = await validateManifests(`${render(objects)}---\nkind: [unclosed\n`);
    expect(problems).toContain("Jobb liaison-migrate: no kind Jobb in batch/v1");
    expect(problems.some((problem) => problem.startsWith("YAML: "))).toBe(true);
  });

  it("wants probes on declared ports, requests and limits, and no root on every server", async () => {
    const gateway = find(objects, "Deployment", "gateway").spec.template.spec;
    delete gateway.containers[0].readinessProbe;
    gateway.containers[0].livenessProbe.httpGet.port = "metrics";
    delete gateway.containers[0].resources.limits.memory;
    delete gateway.securityContext.runAsNonRoot;
    expect(await validateManifests(render(objects))).toEqual([
      "Deployment gateway container gateway: no memory limits",
      "Deployment gateway container gateway: may run as root (set runAsNonRoot)",
      "Deployment gateway container gateway: livenessProbe probes port metrics, which it does not declare",
      "Deployment gateway container gateway: no readinessProbe",
    ]);
  });

  it("wants an autoscaler, a disruption budget and a Service for each Deployment, each pointing at one that exists", async () => {
    find(objects, "HorizontalPodAutoscaler", "threat").spec.scaleTargetRef.name = "threats";
    find(objects, "PodDisruptionBudget", "audit").spec.selector.matchLabels["app.kubernetes.io/name"] = "audits";
    find(objects, "Service", "news").spec.selector["app.kubernetes.io/name"] = "new";
    expect(await validateManifests(render(objects))).toEqual([
      "Deployment news: no Service selects its pods",
      "Deployment threat: 0 HorizontalPodAutoscalers scale it, not 1",
      "Deployment audit: 0 PodDisruptionBudgets cover it, not 1",
      "HorizontalPodAutoscaler threat: scales Deployment threats, which does not exist",
      "PodDisruptionBudget audit: selects no Deployment's pods",
      "Service news: selects no Deployment's pods",
    ]);
  });

  it("wants the settings and secrets a container reads to exist", async () => {
    objects = objects.filter((object) => !(object.kind === "Secret" && object.metadata.name === "liaison-gateway-signing-key"));
    expect(await validateManifests(render(objects))).toEqual([
      "Deployment gateway container gateway: no Secret liaison-gateway-signing-key",
    ]);
  });

  it("lets only the gateway call a subgraph", async () => {
    const agencies = find(objects, "NetworkPolicy", "agencies-ingress");
    agencies.spec.ingress[0].from.push({ namespaceSelector: {} });
    const news = find(objects, "NetworkPolicy", "news-ingress");
    news.spec.ingress[0].from[0].podSelector.matchLabels = { "app.kubernetes.io/part-of": "liaison" };
    objects = objects.filter((object) => !(object.kind === "NetworkPolicy" && object.metadata.name === "threat-ingress"));
    expect(await validateManifests(render(objects))).toEqual([
      "Deployment agencies: NetworkPolicy agencies-ingress lets others than the gateway call it",
      "Deployment news: NetworkPolicy news-ingress lets others than the gateway call it",
      "Deployment threat: no NetworkPolicy lets the gateway call its http port",
    ]);
  });
});
