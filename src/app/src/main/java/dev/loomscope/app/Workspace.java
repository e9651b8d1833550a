package dev.loomscope.app;

import dev.loomscope.app.carriers.CarriersView;
import dev.loomscope.app.channels.ChannelsView;
import dev.loomscope.app.details.SpanDetailsPane;
import dev.loomscope.app.futures.FuturesView;
import dev.loomscope.app.threads.SpanPick;
import dev.loomscope.app.threads.ThreadsView;
import dev.loomscope.app.canvas.CanvasTheme;
import dev.loomscope.app.canvas.Viewport;
import dev.loomscope.core.detect.Finding;
import dev.loomscope.core.model.Channel;
import dev.loomscope.core.model.Timeline;
import javafx.scene.Node;
import javafx.scene.input.KeyEvent;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The views of one timeline over one shared {@link Viewport}: the Threads, Carriers, Channels,
 * Futures and Findings tabs beside the span details, and the ways they lead to each other (a
 * carrier run to its thread, a blocked span to its channel or future, a finding to its evidence).
 */
final class Workspace {
    private static final double DETAILS_DIVIDER = 0.76;

    private final ThreadsView threads;
    private final CarriersView carriers;
    private final ChannelsView channels;
    private final FuturesView futures;
    private final SpanDetailsPane details = new SpanDetailsPane(this::showChannel, this::showFuture);
    private final TabPane tabs = new TabPane();
    private final SplitPane pane;
    private final Tab threadsTab;
    private final Tab carriersTab;
    private final Runnable beforeThreads;
    private final Tab findingsTab;
    private Timeline timeline;
    /** The tabs whose view has not caught up with a live timeline since it last grew. */
    private final Set<Tab> stale = new HashSet<>();
    private final History history;

    /**
     * @param findings      the Findings tab's content
     * @param beforeThreads run before a jump to the Threads tab (the window clears its filter, so
     *                      the lane jumped to cannot be filtered out)
     */
    Workspace(Viewport viewport, ThreadsView threads, Node findings, Runnable beforeThreads) {
        this.threads = threads;
        this.beforeThreads = beforeThreads;
        this.carriers = new CarriersView(viewport, this::showInThreads);
        this.channels = new ChannelsView(viewport, this::showInThreads);
        this.futures = new FuturesView(viewport, this::showInThreads);
        threadsTab = tab("Threads", "threads-tab", threads);
        carriersTab = tab("Carriers", "carriers-tab", carriers);
        findingsTab = tab("Findings", "findings-tab", findings);
        tabs.getTabs().addAll(threadsTab, carriersTab, tab("Channels", "channels-tab", channels),
                tab("Futures", "futures-tab", futures), findingsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pane = new SplitPane(tabs, details);
        pane.setDividerPositions(DETAILS_DIVIDER);
        SplitPane.setResizableWithParent(details, false);
        history = new History(tabs, viewport);
        threads.selectionProperty().addListener((o, a, pick) -> showDetails(pick));
        // The span details belong to the lane views; the channels and futures views have their own.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (stale.remove(tab)) {
                refresh(tab);
            }
            boolean lanes = tab == threadsTab || tab == carriersTab;
            if (lanes && !pane.getItems().contains(details)) {
                pane.getItems().add(details);
                pane.setDividerPositions(DETAILS_DIVIDER);
            } else if (!lanes) {
                pane.getItems().remove(details);
            }
        });
    }

    /** Shows the number of findings on the Findings tab ("Findings (3)"), kept current. */
    void countFindings(javafx.beans.value.ObservableIntegerValue count) {
        count.addListener((o, a, n) -> findingsTab.setText(n.intValue() == 0 ? "Findings" : "Findings (" + n + ")"));
    }

    private static Tab tab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    Parent node() {
        return pane;
    }

    /** Draws every timeline view and chart in {@code theme}'s colours. */
    void setTheme(CanvasTheme theme) {
        threads.setTheme(theme);
        carriers.setTheme(theme);
        channels.setTheme(theme);
        futures.setTheme(theme);
    }

    /** A key for the timeline view on screen (the window forwards keys unless the user is typing). */
    void handleKey(KeyEvent e) {
        Node shown = tabs.getSelectionModel().getSelectedItem().getContent();
        if (shown == threads) {
            threads.handleKey(e);
        } else if (shown == carriers) {
            carriers.handleKey(e);
        } else if (shown == channels) {
            channels.handleKey(e);
        } else if (shown == futures) {
            futures.handleKey(e);
        }
    }

    /** Back to the tab and range shown before (Alt+Left). */
    void back() {
        history.back();
    }

    /** Forward again (Alt+Right). */
    void forward() {
        history.forward();
    }

    History history() {
        return history;
    }

    CarriersView carriers() {
        return carriers;
    }

    ChannelsView channels() {
        return channels;
    }

    FuturesView futures() {
        return futures;
    }

    /** Shows {@code shown} in every view (the Threads view is the window's to set). */
    void setTimeline(Timeline shown) {
        timeline = shown;
        history.reset();
        details.show(null, null);
        stale.clear();
        carriers.setTimeline(shown);
        channels.setTimeline(shown);
        futures.setTimeline(shown);
    }

    /**
     * The timeline grew (live). The view on screen catches up now; the others when their tab is
     * next shown, since catching up costs each of them a pass over what it summarizes (every
     * queue operation, every wait) and a live session grows every second.
     */
    void refresh() {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        for (Tab tab : tabs.getTabs()) {
            if (tab == shown) {
                refresh(tab);
            } else {
                stale.add(tab);
            }
        }
    }

    private void refresh(Tab tab) {
        if (tab.getContent() == carriers) {
            carriers.setTimeline(timeline);
        } else if (tab.getContent() == channels) {
            channels.setTimeline(timeline);
        } else if (tab.getContent() == futures) {
            futures.setTimeline(timeline);
        }
    }

    /** Shows {@code lane} at {@code time} in the Threads tab. */
    void showInThreads(int lane, long time) {
        showThreads();
        threads.reveal(lane, time);
    }

    /**
     * Shows a finding's evidence: its lanes in the Threads tab (the findings controller frames
     * them), and its first future or channel selected in their tabs.
     */
    void showEvidence(Finding finding) {
        showThreads();
        long future = firstId(finding, "futureIds");
        long channel = firstId(finding, "channelIds");
        if (timeline == null || (future < 0 && channel < 0)) {
            return;
        }
        int futureIndex = future < 0 ? -1 : timeline.read(() -> timeline.futures().indexOf(future));
        int channelIndex = timeline.read(() -> timeline.channels().stream().filter(c -> c.agentId() == channel)
                .mapToInt(Channel::index).findFirst().orElse(-1));
        if (futureIndex >= 0) {
            futures.select(futureIndex);
        }
        if (channelIndex >= 0) {
            channels.selectChannel(channelIndex);
        }
    }

    private static long firstId(Finding finding, String detail) {
        return finding.details().get(detail) instanceof List<?> ids && !ids.isEmpty() && ids.getFirst() instanceof Long id
                ? id : -1;
    }

    private void showThreads() {
        tabs.getSelectionModel().select(threadsTab);
        beforeThreads.run();
    }

    private void showChannel(int channel) {
        tabs.getSelectionModel().select(tabOf(channels));
        channels.selectChannel(channel);
    }

    private void showFuture(int future) {
        tabs.getSelectionModel().select(tabOf(futures));
        futures.select(future);
    }

    private Tab tabOf(Node content) {
        return tabs.getTabs().stream().filter(t -> t.getContent() == content).findFirst().orElseThrow();
    }

    private void showDetails(SpanPick pick) {
        if (timeline == null) {
            details.show(null, null);
            return;
        }
        timeline.readLock().lock();
        try {
            details.show(timeline, pick);
        } finally {
            timeline.readLock().unlock();
        }
    }
}
