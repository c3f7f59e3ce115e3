package cn.onenet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The document store's write-ahead journal: every document written since the last checkpoint of the H2 file, in the
 * order written, as BSON records ({@code [length][crc32][bson]}). A write that asks for the disk is answered once its
 * record is handed to the operating system ({@link #flush}), which keeps it when the process is killed (as the
 * broker's log does; no fsync, so not a power cut). A checkpoint commits the H2 file and empties the journal
 * ({@link #reset}); on opening, the records of a journal that was not emptied are applied again. A record that was
 * cut short when the process died ends the journal: its write had not been answered.
 */
final class Journal implements AutoCloseable {

    private static final int HEADER = 8;

    private final FileChannel channel;
    private byte[] pending = new byte[64 * 1024];
    private int size;
    private boolean written;

    private Journal(FileChannel channel, boolean written) {
        this.channel = channel;
        this.written = written;
    }

    /** Opens (creating it if need be) the journal at {@code file} for appending; read it first with {@link #read}. */
    static Journal open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.position(channel.size());
            return new Journal(channel, channel.size() > 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open the document store's journal " + file, ex);
        }
    }

    /** The complete records of the journal at {@code file}, in the order written (none if there is no file). */
    static List<Document> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the document store's journal " + file, ex);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<Document> records = new ArrayList<>();
        while (buffer.remaining() >= HEADER) {
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length <= 0 || length > buffer.remaining()) {
                break;
            }
            int start = buffer.position();
            if (crc32(bytes, start, length) != crc) {
                break;
            }
            buffer.position(start + length);
            records.add(IdIndexedBackends.document(bytes, start, length));
        }
        return records;
    }

    /**
     * Adds a record after the others; it reaches the file with the next {@link #flush}. The record is {@code head}, a
     * BSON document, with one more field, {@code name}, whose value is the BSON document {@code document}, copied in
     * as it is (neither decoded and encoded again nor first spliced into a record of its own: a work order's bytes
     * are copied once); {@code head} alone if {@code document} is null.
     */
    void append(byte[] head, byte[] name, byte[] document) {
        // the head without its closing 0, then type 3 (a document), the field's C string, the document, a closing 0
        int length = document == null ? head.length : head.length - 1 + 1 + name.length + 1 + document.length + 1;
        synchronized (this) {
            ensureRoom(HEADER + length);
            int start = size + HEADER;
            if (document == null) {
                System.arraycopy(head, 0, pending, start, length);
            }
            else {
                ByteBuffer.wrap(pending, start, length).order(ByteOrder.LITTLE_ENDIAN).putInt(length)
                    .put(head, 4, head.length - 5).put((byte) 3).put(name).put((byte) 0).put(document).put((byte) 0);
            }
            ByteBuffer.wrap(pending, size, HEADER).putInt(length).putInt(crc32(pending, start, length));
            size += HEADER + length;
        }
    }

    /** Hands every record appended so far to the operating system. */
    synchronized void flush() {
        if (size == 0) {
            return;
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(pending, 0, size);
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the document store's journal", ex);
        }
        size = 0;
        written = true;
    }

    /** Empties the journal: everything in it is in a checkpoint now. */
    synchronized void reset() {
        size = 0;
        if (!written) {
            return;
        }
        try {
            channel.truncate(0);
            channel.position(0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot empty the document store's journal", ex);
        }
        written = false;
    }

    /** Closes the file; records not flushed are dropped, as a killed process would. */
    @Override
    public synchronized void close() {
        size = 0;
        try {
            channel.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot close the document store's journal", ex);
        }
    }

    private void ensureRoom(int more) {
        if (size + more > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + more));
        }
    }

    private static int crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
