import { runChild } from "../child.ts";
import { serveHiveGateway } from "./hive-gateway.ts";

// Hive Gateway planning with Hive Router's Rust query planner.
runChild(() => serveHiveGateway({ routerRuntime: true }));
