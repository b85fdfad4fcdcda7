package io.pooldesk.model.manifest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** The one place that configures YAML and JSON reading and writing, with limits that keep hostile input harmless. */
public final class Yaml {
    /** Largest YAML source read, in characters: far above any real manifest, far below a memory problem. */
    public static final int MAX_SOURCE_CHARS = 32 * 1024 * 1024;
    static final int MAX_ALIASES = 100;
    static final int MAX_NESTING = 200;

    private static final ObjectMapper COMPACT_JSON = new ObjectMapper();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Yaml() {
    }

    private static YAMLMapper createMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(MAX_ALIASES);
        loader.setNestingDepthLimit(MAX_NESTING);
        loader.setCodePointLimit(MAX_SOURCE_CHARS);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(1000)
                        .maxStringLength(MAX_SOURCE_CHARS)
                        .build())
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        return new YAMLMapper(factory);
    }

    public static YAMLMapper mapper() {
        return YamlMapper.MAPPER;
    }

    /** Made when YAML is first written: a command that writes only JSON does not load SnakeYAML's emitter for it. */
    private static final class YamlMapper {
        private static final YAMLMapper MAPPER = createMapper();
    }

    /** JSON on one line: also YAML's flow style, which a splice can put anywhere a value goes. */
    public static ObjectMapper compactJson() {
        return COMPACT_JSON;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
