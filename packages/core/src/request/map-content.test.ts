import { describe, expect, it } from "vitest";
import type { DocumentContent, ImageContent } from "../types/index.js";
import { checkUserBlock, documentName, mapDocument, mapImage } from "./map-content.js";
import { catchInvalid, CLAUDE_46, LLAMA } from "./test-helpers.js";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);


describe("mapImage", () => {
  it("maps each accepted mime type to Bedrock's format with base64 bytes", () => {
    const cases: Array<[string, string]> = [["image/jpeg", "jpeg"], ["image/jpg", "jpeg"], ["image/png", "png"], ["image/gif", "gif"], ["image/webp", "webp"], ["IMAGE/PNG; x=1", "png"]];
    for (const [mimeType, format] of cases) {
      expect(mapImage({ type: "image", mimeType, data: PNG }, "p", CLAUDE_46)).toEqual({ format, source: { bytes: "iVBORw0KGgo=" } });
    }
  });

  it("takes base64 strings as they are", () => {
    expect(mapImage({ type: "image", mimeType: "image/png", data: "iVBORw0KGgo=" }, "p", CLAUDE_46)).toEqual({ format: "png", source: { bytes: "iVBORw0KGgo=" } });
  });

  it("rejects other image types, naming the path", () => {
    for (const mimeType of ["image/bmp", "image/tiff", "image/svg+xml", "application/pdf", ""]) {
      const e = catchInvalid(() => mapImage({ type: "image", mimeType, data: PNG } as ImageContent, "messages[1].content[0]", CLAUDE_46));
      expect(e.path).toBe("messages[1].content[0].mimeType");
      expect(e.message).toContain("image/jpeg, image/png, image/gif or image/webp");
    }
  });

  it("rejects images for a model whose input has no image", () => {
    expect(catchInvalid(() => mapImage({ type: "image", mimeType: "image/png", data: PNG }, "messages[0].content[1]", LLAMA)).path).toBe("messages[0].content[1]");
  });

  it("rejects missing or invalid data", () => {
    expect(catchInvalid(() => mapImage({ type: "image", mimeType: "image/png", data: "%%%" }, "m", CLAUDE_46)).path).toBe("m.data");
    expect(catchInvalid(() => mapImage({ type: "image", mimeType: "image/png" } as ImageContent, "m", CLAUDE_46)).message).toContain("needs `data`");
  });
});

describe("mapDocument", () => {
  it("maps every Bedrock document format", () => {
    for (const format of ["pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md"] as const) {
      expect(mapDocument({ type: "document", name: "Report", format, data: new TextEncoder().encode("hi") }, "p")).toEqual({ format, name: "Report", source: { bytes: "aGk=" } });
    }
  });

  it("rejects unknown formats", () => {
    const e = catchInvalid(() => mapDocument({ type: "document", name: "x", format: "rtf", data: "aGk=" } as unknown as DocumentContent, "messages[2].content[0]"));
    expect(e.path).toBe("messages[2].content[0].format");
    expect(e.message).toContain("pdf, csv, doc, docx, xls, xlsx, html, txt or md");
  });
});

describe("documentName", () => {
  it("applies Bedrock's character rule", () => {
    expect(documentName("Q3 report.final.pdf")).toBe("Q3 report-final-pdf");
    expect(documentName("a   b\t(c) [d]-e")).toBe("a b (c) [d]-e");
    expect(documentName("   ")).toBe("document");
    expect(documentName(undefined)).toBe("document");
  });
});

describe("checkUserBlock", () => {
  it("names unknown block types", () => {
    const e = catchInvalid(() => checkUserBlock({ type: "audio", data: "x" }, "messages[0].content[2]"));
    expect(e.path).toBe("messages[0].content[2].type");
    expect(e.message).toContain('"audio"');
  });
  it("rejects non-objects and text without a string", () => {
    expect(catchInvalid(() => checkUserBlock("hi", "m")).path).toBe("m");
    expect(catchInvalid(() => checkUserBlock({ type: "text", text: 1 }, "m")).path).toBe("m.text");
  });
});
