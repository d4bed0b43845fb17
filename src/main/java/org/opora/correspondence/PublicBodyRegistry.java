package org.opora.correspondence;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.opora.system.ApiException;
import org.opora.system.ApiException.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the registry of public bodies and their officials; staff edit it, or load it from CSV. */
@Service
public class PublicBodyRegistry {

    /** The columns of an import file, in any order; the first row names them. */
    static final List<String> CSV_COLUMNS = List.of("name", "parent", "kind", "level", "region", "topics", "address",
            "website", "online_form_url", "accepts_in_person", "budget_requests_until");

    private final PublicBodyRepository bodies;

    PublicBodyRegistry(PublicBodyRepository bodies) {
        this.bodies = bodies;
    }

    public Optional<PublicBody> find(UUID id) {
        return bodies.find(id);
    }

    /** A body and where a complaint about it goes. */
    public record Complained(PublicBody body, Optional<PublicBody> addressee) {
    }

    /**
     * The body and the addressee of a complaint about it: its superior body, else the first
     * prosecutor's office of its region by name; empty if the registry has no such body.
     */
    public Optional<Complained> complaintAddressee(UUID bodyId) {
        List<PublicBody> rows = bodies.withComplaintAddressees(bodyId);
        return rows.stream().filter(row -> row.id().equals(bodyId)).findFirst().map(body -> new Complained(body,
                body.parentId() != null ? rows.stream().filter(row -> row.id().equals(body.parentId())).findFirst()
                        : rows.stream().filter(row -> row.kind() == PublicBody.Kind.PROSECUTOR).findFirst()));
    }

    public List<PublicBody> search(String region, String text, int limit) {
        return bodies.search(region, text, limit);
    }

    public List<PublicBody> children(UUID id) {
        return bodies.children(id);
    }

    public List<PublicOfficial> officials(UUID bodyId) {
        return bodies.officials(bodyId);
    }

    @Transactional
    public PublicBody save(PublicBody body) {
        checkParent(body);
        Optional<PublicBody> sameName = bodies.findByName(body.name());
        if (sameName.isPresent() && !sameName.get().id().equals(body.id())) {
            throw ApiException.invalid("name", "another body has this name");
        }
        if (bodies.find(body.id()).isPresent()) {
            bodies.update(body);
        } else {
            bodies.insert(body);
        }
        return bodies.find(body.id()).orElseThrow();
    }

    @Transactional
    public PublicOfficial appoint(UUID bodyId, String fullName, String position, LocalDate from) {
        bodies.find(bodyId).orElseThrow(() -> ApiException.notFound("Public body"));
        PublicOfficial official = new PublicOfficial(UUID.randomUUID(), bodyId, fullName, position, from, null);
        bodies.insert(official);
        return official;
    }

    /** An official leaves; their record stays, so letters addressed to them keep their history. */
    @Transactional
    public PublicOfficial leave(UUID officialId, LocalDate until) {
        PublicOfficial official = bodies.findOfficial(officialId).orElseThrow(() -> ApiException.notFound("Official"));
        if (until.isBefore(official.heldFrom())) {
            throw ApiException.invalid("until", "is before the official took the position");
        }
        bodies.endOfficial(officialId, until);
        return bodies.findOfficial(officialId).orElseThrow();
    }

    public record ImportResult(int created, int updated) {
    }

    /**
     * Loads bodies from CSV, all or nothing: a body is matched by name (updated if it exists), its
     * parent by name among the registry and the earlier rows. Every faulty cell is reported as
     * {@code rows[N].column}, N counting data rows from 1.
     */
    @Transactional
    public ImportResult importCsv(Reader csv) throws IOException {
        List<CSVRecord> records = readRecords(csv);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, UUID> idsByName = new HashMap<>();
        List<PublicBody> rows = new ArrayList<>();
        int row = 0;
        for (CSVRecord record : records) {
            row++;
            String prefix = "rows[" + row + "].";
            String name = value(record, "name");
            if (name == null) {
                problems.add(new FieldProblem(prefix + "name", "is required"));
                continue;
            }
            UUID id = bodies.findByName(name).map(PublicBody::id).orElseGet(UUID::randomUUID);
            String parentName = value(record, "parent");
            UUID parentId = null;
            if (parentName != null) {
                parentId = Optional.ofNullable(idsByName.get(parentName))
                        .or(() -> bodies.findByName(parentName).map(PublicBody::id)).orElse(null);
                if (parentId == null) {
                    problems.add(new FieldProblem(prefix + "parent", "is neither in the registry nor an earlier row"));
                }
            }
            PublicBody.Kind kind = enumValue(PublicBody.Kind.class, value(record, "kind"), prefix + "kind", problems);
            PublicBody.Level level = enumValue(PublicBody.Level.class, value(record, "level"), prefix + "level", problems);
            String budgetUntil = value(record, "budget_requests_until");
            if (budgetUntil != null && !budgetUntil.matches("(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])")) {
                problems.add(new FieldProblem(prefix + "budget_requests_until", "must be MM-DD"));
            }
            String topics = value(record, "topics");
            idsByName.put(name, id);
            if (kind != null && level != null) {
                rows.add(new PublicBody(id, parentId, name, kind, level, value(record, "region"),
                        topics == null ? List.of() : Arrays.stream(topics.split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
                        value(record, "address"), value(record, "website"), value(record, "online_form_url"),
                        "true".equalsIgnoreCase(value(record, "accepts_in_person")), budgetUntil));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        int created = 0;
        for (PublicBody body : rows) {
            if (bodies.find(body.id()).isPresent()) {
                bodies.update(body);
            } else {
                bodies.insert(body);
                created++;
            }
        }
        return new ImportResult(created, rows.size() - created);
    }

    private void checkParent(PublicBody body) {
        if (body.parentId() == null) {
            return;
        }
        if (body.parentId().equals(body.id()) || bodies.find(body.parentId()).isEmpty()) {
            throw ApiException.invalid("parentId", "is not another body of the registry");
        }
    }

    /**
     * The file's records; a file that cannot be read as CSV at all (an empty or repeated column
     * name, a quote that never closes) is the client's fault, reported with the line where reading stopped.
     */
    private static List<CSVRecord> readRecords(Reader csv) throws IOException {
        CSVParser parser;
        try {
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreEmptyLines(true).get().parse(csv);
        } catch (IllegalArgumentException | UncheckedIOException | CSVException badHeader) {
            throw ApiException.invalid("csv", "line 1: the header cannot be read (" + badHeader.getMessage() + ")");
        }
        List<CSVRecord> records = new ArrayList<>();
        try {
            for (CSVRecord record : parser) {
                records.add(record);
            }
        } catch (UncheckedIOException | IllegalStateException unreadable) {
            throw ApiException.invalid("csv", "line " + (parser.getCurrentLineNumber() + 1) + ": cannot be read as CSV ("
                    + (unreadable.getCause() != null ? unreadable.getCause().getMessage() : unreadable.getMessage()) + ")");
        }
        return records;
    }

    private static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, List<FieldProblem> problems) {
        try {
            if (value == null) {
                problems.add(new FieldProblem(field, "is required"));
                return null;
            }
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            problems.add(new FieldProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
