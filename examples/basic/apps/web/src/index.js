import { banner } from "@basic/ui";

console.log(banner("Turbine"));
