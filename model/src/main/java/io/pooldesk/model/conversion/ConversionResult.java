package io.pooldesk.model.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.ManifestProblem;

import java.util.List;

/** The converted objects, one line per thing that did not carry over, and the pools that could not be read. */
public record ConversionResult(List<ObjectNode> objects, List<String> losses, List<ManifestProblem> errors) {
}
