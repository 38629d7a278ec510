export const packageName = "@turbine/cli";
