export type * from "./credentials.js";
export type * from "./events.js";
export type * from "./messages.js";
export type * from "./model.js";
export type * from "./request.js";
export type * from "./usage.js";
