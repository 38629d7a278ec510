export const packageName = "@turbine/remote-cache";
