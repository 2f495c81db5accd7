package org.semper.agent.deal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.semper.evidence.exchange.Hashes;

/**
 * The local archive of every deal, one directory per deal under {@code <home>/deals/<deal id>/} (see
 * {@link DealFile}). Deals are found by their id or an unambiguous prefix of it (at least 4 characters).
 */
public final class DealArchive {
    private final Path root;

    public DealArchive(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Every deal, most recently changed first. */
    public List<Deal> deals() {
        List<Deal> deals = new ArrayList<>();
        for (Path directory : directories()) {
            try {
                deals.add(new DealFile(directory).deal());
            } catch (DealArchiveException e) {
                // a directory that is not (yet) a deal: left out of the listing
            }
        }
        deals.sort(Comparator.comparing(Deal::updated).reversed());
        return deals;
    }

    public boolean exists(String id) {
        return Files.exists(root.resolve(id).resolve(DealFile.RECORD));
    }

    /** Starts the directory of a new deal. */
    public DealFile create(Deal deal) throws DealArchiveException {
        if (!Hashes.isDigest(deal.id())) {
            throw new DealArchiveException("a deal id is a base64url SHA-256 value: " + deal.id());
        }
        Path directory = root.resolve(deal.id());
        if (Files.exists(directory.resolve(DealFile.RECORD))) {
            throw new DealArchiveException("deal " + deal.id() + " exists already");
        }
        try {
            Files.createDirectories(directory.resolve(DealFile.ITEMS));
        } catch (IOException e) {
            throw new DealArchiveException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        DealFile file = new DealFile(directory);
        file.save(deal);
        return file;
    }

    /**
     * The deal with this id, or whose id starts with it.
     *
     * @throws DealArchiveException if there is none, or the prefix is ambiguous
     */
    public DealFile open(String idOrPrefix) throws DealArchiveException {
        if (idOrPrefix.length() >= 4 && !idOrPrefix.contains("/") && !idOrPrefix.contains("\\")
                && !idOrPrefix.startsWith(".")) {
            Path exact = root.resolve(idOrPrefix);
            if (Files.exists(exact.resolve(DealFile.RECORD))) {
                return new DealFile(exact);
            }
            List<Path> matches = directories().stream()
                    .filter(d -> d.getFileName().toString().startsWith(idOrPrefix))
                    .filter(d -> Files.exists(d.resolve(DealFile.RECORD))).toList();
            if (matches.size() == 1) {
                return new DealFile(matches.get(0));
            }
            if (matches.size() > 1) {
                throw new DealArchiveException("'" + idOrPrefix + "' matches " + matches.size()
                        + " deals; give more of the id (semper deals lists them)");
            }
        }
        throw new DealArchiveException("no deal '" + idOrPrefix + "' (semper deals lists them; give at least 4 "
                + "characters of the id)");
    }

    public Optional<DealFile> find(String id) {
        return exists(id) ? Optional.of(new DealFile(root.resolve(id))) : Optional.empty();
    }

    private List<Path> directories() {
        List<Path> directories = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return directories;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            entries.forEach(directories::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directories;
    }
}
