export const packageName = "@turbine/test-utils";
