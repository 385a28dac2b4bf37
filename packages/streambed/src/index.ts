export * from "@streambed/node";
