import { runChild } from "../child.ts";
import { serveHiveGateway } from "./hive-gateway.ts";

// Hive Gateway with its default (JavaScript, stitching-based) federation runtime.
runChild(() => serveHiveGateway({ routerRuntime: false }));
