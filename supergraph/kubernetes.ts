import { stringify } from "yaml";
import { MANAGEMENT_PORT } from "./docker-compose.ts";
import { subgraphs } from "./registry.ts";

/**
 * The Kubernetes base (deploy/kubernetes/base), derived from the registry
 * like docker-compose.yml: a Deployment, Service, HorizontalPodAutoscaler
 * and PodDisruptionBudget for the gateway and for each subgraph, the
 * migrate-and-seed Job, network policies that let only the gateway reach
 * the subgraphs, and the settings every process reads. Secrets hold
 * placeholders that no process starts with; overlays replace them.
 */

const BASE = "deploy/kubernetes/base";
const GATEWAY_PORT = 4000;
/** Overlays point this at a registry and tag with kustomize's `images:`. */
const IMAGE = "liaison";
/** The `node` user of the node images. */
const NODE_UID = 1000;
const PART_OF = { "app.kubernetes.io/part-of": "liaison" };

const CONFIG = "liaison-config";
const DATABASE_SECRET = "liaison-database";
const AUTH_SECRET = "liaison-auth";
const SIGNING_KEY_SECRET = "liaison-gateway-signing-key";

interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

interface Server {
  name: string;
  component: "gateway" | "subgraph";
  port: number;
  command: string[];
  secrets: string[];
  replicas: { min: number; max: number };
  resources: Resources;
}

// Sized from bench/results/latest.md (see the README's capacity planning):
// the gateway peaked at 463 MiB under 50 connections, and one core serves
// roughly 200-800 gateway requests/s against 250-1000 a subgraph.
const gateway: Server = {
  name: "gateway",
  component: "gateway",
  port: GATEWAY_PORT,
  command: ["node", "scripts/serve-gateway.ts"],
  secrets: [DATABASE_SECRET, AUTH_SECRET, SIGNING_KEY_SECRET],
  replicas: { min: 2, max: 10 },
  resources: { requests: { cpu: "500m", memory: "384Mi" }, limits: { cpu: "1", memory: "768Mi" } },
};

const subgraphServers: Server[] = subgraphs.map(({ name, port }) => ({
  name,
  component: "subgraph",
  port,
  command: ["node", "scripts/serve-subgraph.ts", name],
  // Every process checks the callers' token settings at start-up.
  secrets: [DATABASE_SECRET, AUTH_SECRET],
  replicas: { min: 2, max: 6 },
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
}));

const labels = (name: string) => ({ "app.kubernetes.io/name": name, ...PART_OF });

/** Files of the base, by path from the repository's root. */
export function kubernetesBase(): Record<string, string> {
  const servers = [gateway, ...subgraphServers];
  return {
    [`${BASE}/kustomization.yaml`]: file(kustomization(servers)),
    ...Object.fromEntries(servers.map((server) => [`${BASE}/${server.name}.yaml`, file(...serverResources(server))])),
    [`${BASE}/migrate.yaml`]: file(migrationJob()),
    [`${BASE}/network-policies.yaml`]: file(...networkPolicies()),
  };
}

function file(...documents: object[]): string {
  const header = [
    "# Written by `npm run compose` from supergraph/registry.ts (the generator is",
    "# supergraph/kubernetes.ts): edit those, not this file.",
  ].join("\n");
  return `${header}\n${documents.map((document) => stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n")}`;
}

function kustomization(servers: Server[]): object {
  return {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: [...servers.map(({ name }) => `${name}.yaml`), "migrate.yaml", "network-policies.yaml"],
    configMapGenerator: [{ name: CONFIG, literals: settings() }],
    // Placeholders no process starts with: overlays replace them (see
    // overlays/production). Nothing real is committed.
    secretGenerator: [
      { name: DATABASE_SECRET, literals: ["DATABASE_URL=postgresql://liaison:REPLACE-ME@postgres:5432/liaison"] },
      { name: AUTH_SECRET, literals: ["AUTH_JWT_SECRET=REPLACE-ME"] },
      { name: SIGNING_KEY_SECRET, literals: ["GATEWAY_SIGNING_KEY=REPLACE-ME"] },
    ],
  };
}

/** What every process reads that is not secret, as compose sets it. */
function settings(): string[] {
  return [
    "NODE_ENV=production",
    "HOST=0.0.0.0",
    `PORT=${GATEWAY_PORT}`,
    `MANAGEMENT_PORT=${MANAGEMENT_PORT}`,
    // Endpoints take a few seconds to drop a terminating pod.
    "SHUTDOWN_DELAY_MS=5000",
    "SHUTDOWN_DEADLINE_MS=25000",
    "AUTH_ISSUER=liaison",
    "AUTH_AUDIENCE=liaison",
    // Subgraphs trust only tokens signed with the gateway's published key.
    `GATEWAY_JWKS_URL=http://gateway:${GATEWAY_PORT}/.well-known/jwks.json`,
    ...subgraphs.flatMap(({ name, port }) => [
      `${name.toUpperCase()}_PORT=${port}`,
      `${name.toUpperCase()}_URL=http://${name}:${port}/graphql`,
    ]),
  ];
}

function serverResources(server: Server): object[] {
  const selector = { matchLabels: labels(server.name) };
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: server.name, labels: { ...labels(server.name), "app.kubernetes.io/component": server.component } },
      spec: {
        replicas: server.replicas.min,
        selector,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: { ...labels(server.name), "app.kubernetes.io/component": server.component } },
          spec: {
            ...podSecurity(),
            // Node is PID 1: on SIGTERM it turns unready, keeps accepting for
            // SHUTDOWN_DELAY_MS while Services stop sending, then drains
            // within SHUTDOWN_DEADLINE_MS of the signal.
            terminationGracePeriodSeconds: 35,
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
            ],
            containers: [
              {
                ...container(server.name, server.command, server.secrets, server.resources),
                ports: [
                  { name: "http", containerPort: server.port },
                  { name: "management", containerPort: MANAGEMENT_PORT },
                ],
                startupProbe: { httpGet: { path: "/live", port: "http" }, periodSeconds: 2, failureThreshold: 30 },
                livenessProbe: { httpGet: { path: "/live", port: "http" }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
                readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: server.name, labels: labels(server.name) },
      spec: {
        selector: labels(server.name),
        ports: [
          { name: "http", port: server.port, targetPort: "http" },
          { name: "management", port: MANAGEMENT_PORT, targetPort: "management" },
        ],
      },
    },
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: server.name, labels: labels(server.name) },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: server.name },
        minReplicas: server.replicas.min,
        maxReplicas: server.replicas.max,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      },
    },
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: server.name, labels: labels(server.name) },
      spec: { maxUnavailable: 1, selector },
    },
  ];
}

/**
 * Migrates and seeds where a subgraph has no data yet, then is done. It is
 * removed ten minutes after finishing, so applying a new image runs it again.
 */
function migrationJob(): object {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "liaison-migrate", labels: { ...labels("migrate"), "app.kubernetes.io/component": "migration" } },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: { ...labels("migrate"), "app.kubernetes.io/component": "migration" } },
        spec: {
          ...podSecurity(),
          restartPolicy: "Never",
          containers: [
            container("migrate", ["node", "scripts/prepare-database.ts"], [DATABASE_SECRET, AUTH_SECRET], {
              requests: { cpu: "100m", memory: "256Mi" },
              limits: { cpu: "1", memory: "512Mi" },
            }),
          ],
        },
      },
    },
  };
}

function podSecurity(): object {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: NODE_UID, runAsGroup: NODE_UID, seccompProfile: { type: "RuntimeDefault" } },
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
  };
}

function container(name: string, command: string[], secrets: string[], resources: Resources): object {
  return {
    name,
    image: IMAGE,
    command,
    envFrom: [{ configMapRef: { name: CONFIG } }, ...secrets.map((secret) => ({ secretRef: { name: secret } }))],
    resources,
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

/**
 * Liaison's pods take no traffic but what is allowed here: anyone may call
 * the gateway, only the gateway may call a subgraph, and Prometheus (pods
 * named `prometheus` in any namespace) may scrape every management port.
 */
function networkPolicies(): object[] {
  const prometheus = { namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } };
  const scraping = { from: [prometheus], ports: [{ port: "management" }] };
  return [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "liaison-deny-ingress", labels: PART_OF },
      spec: { podSelector: { matchLabels: PART_OF }, policyTypes: ["Ingress"] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "gateway-ingress", labels: labels(gateway.name) },
      spec: {
        podSelector: { matchLabels: labels(gateway.name) },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: "http" }] }, scraping],
      },
    },
    ...subgraphServers.map((server) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `${server.name}-ingress`, labels: labels(server.name) },
      spec: {
        podSelector: { matchLabels: labels(server.name) },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: labels(gateway.name) } }], ports: [{ port: "http" }] }, scraping],
      },
    })),
  ];
}
