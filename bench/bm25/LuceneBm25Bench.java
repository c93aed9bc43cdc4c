// Lucene 8 peer for bench/bm25/run.sh: indexes a BEIR JSONL corpus (title + text as one field, EnglishAnalyzer,
// BM25Similarity(0.9, 0.4), one thread) into a temporary FSDirectory, then searches every query (bag of words, one
// SHOULD clause per analyzed token, as Anserini does) for the top k, single-threaded, and writes a TREC run.
//
//   java -cp <lucene jars>:<classes> LuceneBm25Bench CORPUS.jsonl[.gz] QUERIES.tsv K RUN_OUT INDEX_DIR
//
// Prints "lucene-index: ..." and "lucene-search: ..." lines with documents/s and queries/s (timed in-process, so JVM
// start-up is excluded, as the .NET side reports its verbs' own timing lines).
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBm25Bench {
    public static void main(String[] args) throws Exception {
        Path corpus = Paths.get(args[0]);
        Path queries = Paths.get(args[1]);
        int k = Integer.parseInt(args[2]);
        Path runOut = Paths.get(args[3]);
        Path indexDir = Paths.get(args[4]);
        Analyzer analyzer = new EnglishAnalyzer();
        BM25Similarity similarity = new BM25Similarity(0.9f, 0.4f);

        long start = System.nanoTime();
        long docs = 0;
        try (FSDirectory dir = FSDirectory.open(indexDir)) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(similarity)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(512);
            try (IndexWriter writer = new IndexWriter(dir, config); BufferedReader in = open(corpus)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<String, String> record = parseFlatObject(line);
                    Document doc = new Document();
                    doc.add(new StringField("id", record.get("_id"), Field.Store.YES));
                    doc.add(new TextField("contents", record.getOrDefault("title", "") + "\n" + record.getOrDefault("text", ""), Field.Store.NO));
                    writer.addDocument(doc);
                    docs++;
                }
                writer.commit();
            }
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "lucene-index: %d documents in %.3f s (%.0f documents/s)%n", docs, indexSeconds, docs / indexSeconds);

            long mergeStart = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setSimilarity(similarity))) {
                writer.forceMerge(1);
            }
            System.out.printf(Locale.ROOT, "lucene-merge: forceMerge(1) in %.3f s%n", (System.nanoTime() - mergeStart) / 1e9);

            List<String[]> topics = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(queries, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        topics.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
                    }
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir); BufferedWriter out = Files.newBufferedWriter(runOut, StandardCharsets.UTF_8)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                List<org.apache.lucene.search.Query> parsed = new ArrayList<>();
                for (String[] topic : topics) {
                    BooleanQuery.Builder builder = new BooleanQuery.Builder();
                    try (TokenStream tokens = analyzer.tokenStream("contents", topic[1])) {
                        CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                        tokens.reset();
                        while (tokens.incrementToken()) {
                            builder.add(new TermQuery(new Term("contents", term.toString())), BooleanClause.Occur.SHOULD);
                        }
                        tokens.end();
                    }
                    parsed.add(builder.build());
                }
                // Two passes over the queries: the first with a cold JIT, the second warm. Only the search itself is
                // timed (query analysis above, and turning Lucene doc numbers into stored ids below, are not), which
                // favours Lucene: our timing includes analysis and ids.
                TopDocs[] results = new TopDocs[topics.size()];
                for (int pass = 1; pass <= 2; pass++) {
                    long searchStart = System.nanoTime();
                    for (int q = 0; q < topics.size(); q++) {
                        results[q] = searcher.search(parsed.get(q), k);
                    }
                    double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
                    System.out.printf(Locale.ROOT, "lucene-search%s: %d queries in %.3f s (%.1f queries/s, top %d)%n",
                        pass == 1 ? "" : "-warm", topics.size(), searchSeconds, topics.size() / searchSeconds, k);
                }
                String[][] ids = new String[topics.size()][];
                float[][] scores = new float[topics.size()][];
                for (int q = 0; q < topics.size(); q++) {
                    ScoreDoc[] hits = results[q].scoreDocs;
                    ids[q] = new String[hits.length];
                    scores[q] = new float[hits.length];
                    for (int i = 0; i < hits.length; i++) {
                        ids[q][i] = searcher.doc(hits[i].doc).get("id");
                        scores[q][i] = hits[i].score;
                    }
                }
                for (int q = 0; q < topics.size(); q++) {
                    for (int i = 0; i < ids[q].length; i++) {
                        out.write(String.format(Locale.ROOT, "%s Q0 %s %d %.6f lucene%n", topics.get(q)[0], ids[q][i], i + 1, scores[q][i]));
                    }
                }
            }
        }
    }

    private static BufferedReader open(Path path) throws Exception {
        InputStream stream = Files.newInputStream(path);
        if (path.toString().endsWith(".gz")) {
            stream = new GZIPInputStream(stream, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    // A JSON object's top-level string members; other values (numbers, nested objects) are skipped.
    static Map<String, String> parseFlatObject(String s) {
        Map<String, String> out = new HashMap<>();
        int[] pos = {skip(s, 0)};
        expect(s, pos, '{');
        while (true) {
            pos[0] = skip(s, pos[0]);
            if (s.charAt(pos[0]) == '}') {
                return out;
            }
            String key = string(s, pos);
            pos[0] = skip(s, pos[0]);
            expect(s, pos, ':');
            pos[0] = skip(s, pos[0]);
            if (s.charAt(pos[0]) == '"') {
                out.put(key, string(s, pos));
            } else {
                skipValue(s, pos);
            }
            pos[0] = skip(s, pos[0]);
            if (s.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0]);
        }
        pos[0]++;
    }

    private static String string(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        int i = pos[0];
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                default: b.append(e);
            }
        }
        pos[0] = i;
        return b.toString();
    }

    private static void skipValue(String s, int[] pos) {
        int depth = 0;
        int i = pos[0];
        boolean inString = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        pos[0] = i;
    }
}
