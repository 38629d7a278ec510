export const packageName = "@turbine/workspace";
