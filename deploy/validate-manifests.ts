import { parseAllDocuments } from "yaml";

/**
 * Checks rendered Kubernetes manifests (what `kubectl kustomize` prints)
 * offline: each object against the Kubernetes API's schema for its kind
 * (kubernetes-models' validators), then what the schemas cannot say but a
 * Liaison deployment needs: probes and resources on every server, an
 * autoscaler and a disruption budget for each, Services and budgets that
 * select pods that exist, settings and secrets that exist, and subgraphs
 * that only the gateway may call. Returns the problems; none means valid.
 */
export async function validateManifests(yamlText: string): Promise<string[]> {
  const problems: string[] = [];
  const objects: Manifest[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    if (document.errors.length) {
      problems.push(...document.errors.map((error) => `YAML: ${error.message}`));
      continue;
    }
    const object = document.toJS() as Manifest | null;
    if (object === null) continue;
    withoutLineBreaksInSecretData(object);
    const schemaProblem = await checkSchema(object);
    if (schemaProblem) problems.push(schemaProblem);
    else objects.push(object);
  }
  return [...problems, ...checkDeployment(objects)];
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
  spec?: any;
}

type Labels = Record<string, string>;

/**
 * kubectl kustomize breaks long base64 values of a Secret's data over lines;
 * the API server's decoder skips line breaks, the schema's "byte" format
 * does not.
 */
function withoutLineBreaksInSecretData(object: any): void {
  if (object.kind !== "Secret" || typeof object.data !== "object" || object.data === null) return;
  for (const [key, value] of Object.entries(object.data)) {
    if (typeof value === "string") object.data[key] = value.replace(/\s+/g, "");
  }
}

function describe(object: Partial<Manifest>): string {
  return `${object.kind ?? "(no kind)"} ${object.metadata?.name ?? "(no name)"}`;
}

/** The kubernetes-models module of a kind: `apps/v1` `Deployment` is kubernetes-models/apps/v1/Deployment. */
async function checkSchema(object: Partial<Manifest>): Promise<string | undefined> {
  if (typeof object !== "object" || !object.apiVersion || !object.kind) return `${describe(object)}: apiVersion and kind are required`;
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(object.apiVersion) || !/^[A-Za-z]+$/.test(object.kind)) {
    return `${describe(object)}: unknown apiVersion ${object.apiVersion}`;
  }
  let model: new (data: object) => { validate(): void };
  try {
    const module = await import(/* @vite-ignore */ `kubernetes-models/${object.apiVersion}/${object.kind}`);
    model = module[object.kind];
  } catch {
    return `${describe(object)}: no kind ${object.kind} in ${object.apiVersion}`;
  }
  try {
    new model(object).validate();
    return undefined;
  } catch (error) {
    return `${describe(object)}: ${(error as Error).message}`;
  }
}

function matches(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

function checkDeployment(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const named = (kind: string) => objects.filter((object) => object.kind === kind);
  const deployments = named("Deployment");
  const names = (kind: string) => new Set(named(kind).map((object) => object.metadata.name));
  const configMaps = names("ConfigMap");
  const secrets = names("Secret");
  const podsOf = (deployment: Manifest): Labels => deployment.spec.template.metadata?.labels ?? {};

  const workloads = [...deployments, ...named("Job")];
  for (const workload of workloads) {
    const pod = workload.spec.template.spec;
    for (const container of pod.containers as any[]) {
      const where = `${describe(workload)} container ${container.name}`;
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: no ${resource} ${kind}`);
        }
      }
      if (!(container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) {
        problems.push(`${where}: may run as root (set runAsNonRoot)`);
      }
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) problems.push(`${where}: no ConfigMap ${source.configMapRef.name}`);
        if (source.secretRef && !secrets.has(source.secretRef.name)) problems.push(`${where}: no Secret ${source.secretRef.name}`);
      }
    }
  }

  for (const deployment of deployments) {
    const where = describe(deployment);
    if (!matches(deployment.spec.selector?.matchLabels, podsOf(deployment))) problems.push(`${where}: its selector does not match its pods`);
    for (const container of deployment.spec.template.spec.containers as any[]) {
      const ports = new Set((container.ports ?? []).flatMap((port: any) => [port.name, port.containerPort]));
      for (const probe of ["livenessProbe", "readinessProbe"]) {
        const check = container[probe];
        if (!check) problems.push(`${where} container ${container.name}: no ${probe}`);
        else if (check.httpGet && !ports.has(check.httpGet.port)) {
          problems.push(`${where} container ${container.name}: ${probe} probes port ${check.httpGet.port}, which it does not declare`);
        }
      }
    }
    const autoscalers = named("HorizontalPodAutoscaler").filter(
      ({ spec }) => spec.scaleTargetRef.kind === "Deployment" && spec.scaleTargetRef.name === deployment.metadata.name,
    );
    if (autoscalers.length !== 1) problems.push(`${where}: ${autoscalers.length} HorizontalPodAutoscalers scale it, not 1`);
    const budgets = named("PodDisruptionBudget").filter(({ spec }) => matches(spec.selector?.matchLabels, podsOf(deployment)));
    if (budgets.length !== 1) problems.push(`${where}: ${budgets.length} PodDisruptionBudgets cover it, not 1`);
    if (!named("Service").some(({ spec }) => matches(spec.selector, podsOf(deployment)))) problems.push(`${where}: no Service selects its pods`);
  }

  for (const autoscaler of named("HorizontalPodAutoscaler")) {
    const { scaleTargetRef, minReplicas = 1, maxReplicas } = autoscaler.spec;
    if (!named(scaleTargetRef.kind).some(({ metadata }) => metadata.name === scaleTargetRef.name)) {
      problems.push(`${describe(autoscaler)}: scales ${scaleTargetRef.kind} ${scaleTargetRef.name}, which does not exist`);
    }
    if (minReplicas > maxReplicas) problems.push(`${describe(autoscaler)}: minReplicas ${minReplicas} exceeds maxReplicas ${maxReplicas}`);
  }
  for (const budget of named("PodDisruptionBudget")) {
    if (!deployments.some((deployment) => matches(budget.spec.selector?.matchLabels, podsOf(deployment)))) {
      problems.push(`${describe(budget)}: selects no Deployment's pods`);
    }
  }
  for (const service of named("Service")) {
    const targets = deployments.filter((deployment) => matches(service.spec.selector, podsOf(deployment)));
    if (targets.length === 0) {
      problems.push(`${describe(service)}: selects no Deployment's pods`);
      continue;
    }
    const declared = new Set(targets.flatMap((deployment) => deployment.spec.template.spec.containers.flatMap((c: any) => (c.ports ?? []).flatMap((p: any) => [p.name, p.containerPort]))));
    for (const port of service.spec.ports ?? []) {
      if (!declared.has(port.targetPort ?? port.port)) problems.push(`${describe(service)}: port ${port.name ?? port.port} targets ${port.targetPort}, which its pods do not declare`);
    }
  }
  problems.push(...checkSubgraphIngress(deployments, named("NetworkPolicy"), podsOf));
  return problems;
}

/**
 * Each subgraph's pods are selected by some network policy (so they accept
 * only what policies allow), and every policy that lets traffic reach their
 * GraphQL port lets it come from the gateway's pods alone.
 */
function checkSubgraphIngress(deployments: Manifest[], policies: Manifest[], podsOf: (deployment: Manifest) => Labels): string[] {
  const problems: string[] = [];
  const gateway = deployments.find((deployment) => deployment.metadata.labels?.["app.kubernetes.io/component"] === "gateway");
  const subgraphs = deployments.filter((deployment) => deployment.metadata.labels?.["app.kubernetes.io/component"] === "subgraph");
  if (!gateway) return subgraphs.length ? ["no Deployment is labelled as the gateway"] : [];
  const selectsOnly = (selector: Labels | undefined, deployment: Manifest) =>
    matches(selector, podsOf(deployment)) && deployments.every((other) => other === deployment || !matches(selector, podsOf(other)));
  for (const subgraph of subgraphs) {
    const where = describe(subgraph);
    const applying = policies.filter(({ spec }) => matches(spec.podSelector?.matchLabels, podsOf(subgraph)) && (spec.policyTypes ?? ["Ingress"]).includes("Ingress"));
    if (applying.length === 0) {
      problems.push(`${where}: no NetworkPolicy limits who may call it`);
      continue;
    }
    const admitsGateway = applying.some(({ spec }) =>
      (spec.ingress ?? []).some(
        (rule: any) =>
          (rule.ports ?? []).some((port: any) => port.port === "http") &&
          (rule.from ?? []).some((peer: any) => !peer.namespaceSelector && matches(peer.podSelector?.matchLabels, podsOf(gateway))),
      ),
    );
    if (!admitsGateway) problems.push(`${where}: no NetworkPolicy lets the gateway call its http port`);
    for (const policy of applying) {
      for (const rule of policy.spec.ingress ?? []) {
        const ports = (rule.ports ?? []).map((port: any) => port.port);
        if (ports.length > 0 && ports.every((port: unknown) => port === "management")) continue;
        const fromGatewayOnly =
          (rule.from ?? []).length > 0 &&
          (rule.from as any[]).every((peer) => !peer.ipBlock && !peer.namespaceSelector && selectsOnly(peer.podSelector?.matchLabels, gateway));
        if (!fromGatewayOnly) problems.push(`${where}: ${describe(policy)} lets others than the gateway call it`);
      }
    }
  }
  return problems;
}
