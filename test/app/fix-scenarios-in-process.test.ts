import { fixEveryScenario } from "./fix-every-scenario.js";

fixEveryScenario("in-process");
