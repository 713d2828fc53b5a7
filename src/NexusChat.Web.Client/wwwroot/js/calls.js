// WebRTC for calls (docs/calls.md): one RTCPeerConnection per other participant (a mesh of up to 6), the "perfect
// negotiation" pattern so either side may renegotiate (camera added, ICE restart) without glare, trickle ICE, and ICE
// restarts when a peer moved to another connection or the path failed. Signaling goes through .NET (the hub); which
// peers to connect, and who is polite, is decided there (CallSession).

// Tests and strict networks: only TURN relays are tried, so media must cross our coturn.
const forceRelayKey = 'nexuschat.calls.forceRelay';
const statsEveryMs = 2000;
const restartAfterDisconnectedMs = 4000;
const maxRestarts = 2;

export function forcesRelay() {
    return localStorage.getItem(forceRelayKey) === 'true' || new URLSearchParams(location.search).get('relay') === '1';
}

/** Asks for the microphone (and camera): null when granted, else the DOMException's name (NotAllowedError, NotFoundError…). */
async function openMedia(video) {
    try {
        return { stream: await navigator.mediaDevices.getUserMedia({ audio: true, video }), error: null };
    } catch (e) {
        return { stream: null, error: e && e.name ? e.name : 'Error' };
    }
}

export function createCall(dotnet) {
    const peers = new Map();
    let local = new MediaStream();
    let statsTimer = 0;
    const config = { iceServers: [], iceTransportPolicy: forcesRelay() ? 'relay' : 'all' };

    // Our servers only (TURN REST credentials); no third-party STUN. Set before the first peer connection opens.
    function configure(iceServers) {
        config.iceServers = iceServers.map(s => s.username ? { urls: s.urls, username: s.username, credential: s.credential } : { urls: s.urls });
    }

    const send = (peer, type, payload) => dotnet.invokeMethodAsync('OnSignal', peer.id, peer.target, type, JSON.stringify(payload))
        .catch(() => { /* the call ended meanwhile */ });

    function bind() {
        for (const video of document.querySelectorAll('video[data-call-peer]')) {
            const peer = peers.get(video.dataset.callPeer);
            if (peer && video.srcObject !== peer.stream) {
                video.srcObject = peer.stream;
            }
        }

        for (const video of document.querySelectorAll('video[data-call-local]')) {
            if (video.srcObject !== local) {
                video.srcObject = local;
            }
        }
    }

    function connect(id, target, polite, initiate) {
        if (peers.has(id)) {
            return;
        }

        const pc = new RTCPeerConnection(config);
        const peer = {
            id, target, polite, pc, stream: new MediaStream(), makingOffer: false, ignoreOffer: false,
            // A peer that waits for the other's offer does not offer first (both would, and only glare would sort it).
            ready: initiate, pending: [], restarts: 0, connected: false, disconnectedTimer: 0, lastLoss: null,
        };
        peers.set(id, peer);
        pc.onnegotiationneeded = async () => {
            if (!peer.ready) {
                return;
            }
            try {
                peer.makingOffer = true;
                await pc.setLocalDescription();
                send(peer, 'offer', pc.localDescription);
            } catch {
                // The peer connection closed meanwhile.
            } finally {
                peer.makingOffer = false;
            }
        };
        pc.onicecandidate = e => { if (e.candidate) send(peer, 'candidate', e.candidate); };
        pc.ontrack = e => {
            peer.stream.addTrack(e.track);
            bind();
        };
        pc.onconnectionstatechange = () => onState(peer);
        for (const track of local.getTracks()) {
            pc.addTrack(track, local);
        }
    }

    function onState(peer) {
        const state = peer.pc.connectionState;
        dotnet.invokeMethodAsync('OnPeerState', peer.id, state).catch(() => { });
        clearTimeout(peer.disconnectedTimer);
        if (state === 'connected') {
            peer.restarts = 0;
            if (!peer.connected) {
                peer.connected = true;
                reportConnected(peer);
            }
        } else if (state === 'disconnected') {
            peer.disconnectedTimer = setTimeout(() => restart(peer), restartAfterDisconnectedMs);
        } else if (state === 'failed') {
            restart(peer);
        }
    }

    function restart(peer) {
        if (peer.pc.connectionState === 'connected' || peer.pc.signalingState === 'closed') {
            return;
        }
        if (peer.restarts >= maxRestarts) {
            dotnet.invokeMethodAsync('OnPeerFailed', peer.id).catch(() => { });
            return;
        }
        peer.restarts++;
        peer.ready = true;
        peer.pc.restartIce();
    }

    async function reportConnected(peer) {
        const stats = await peer.pc.getStats();
        const pair = selectedPair(stats);
        const type = id => stats.get(id)?.candidateType;
        const relayed = !!pair && (type(pair.localCandidateId) === 'relay' || type(pair.remoteCandidateId) === 'relay');
        dotnet.invokeMethodAsync('OnPeerConnected', peer.id, relayed).catch(() => { });
    }

    async function signal(id, type, payload) {
        const peer = peers.get(id);
        if (!peer) {
            return;
        }
        const pc = peer.pc;
        const data = JSON.parse(payload);
        try {
            if (type === 'candidate') {
                if (pc.remoteDescription) {
                    await pc.addIceCandidate(data);
                } else {
                    peer.pending.push(data);
                }
                return;
            }
            const collision = type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
            peer.ignoreOffer = !peer.polite && collision;
            if (peer.ignoreOffer) {
                return;
            }
            await pc.setRemoteDescription(data);
            peer.ready = true;
            for (const candidate of peer.pending.splice(0)) {
                await pc.addIceCandidate(candidate).catch(() => { });
            }
            if (type === 'offer') {
                await pc.setLocalDescription();
                send(peer, 'answer', pc.localDescription);
            }
        } catch {
            // A candidate of an offer we ignored, or a description for a connection that closed: nothing to repair.
        }
    }

    function retarget(id, target) {
        const peer = peers.get(id);
        if (peer && peer.target !== target) {
            peer.target = target;
            // The peer's signaling moved (its server died): restart ICE towards it so both ends agree again.
            peer.ready = true;
            peer.pc.restartIce();
        }
    }

    function drop(id) {
        const peer = peers.get(id);
        if (peer) {
            clearTimeout(peer.disconnectedTimer);
            peer.pc.close();
            peers.delete(id);
        }
    }

    async function measure() {
        for (const peer of peers.values()) {
            if (peer.pc.connectionState !== 'connected') {
                continue;
            }
            const stats = await peer.pc.getStats();
            const pair = selectedPair(stats);
            let lost = 0, received = 0;
            stats.forEach(s => {
                if (s.type === 'inbound-rtp') {
                    lost += s.packetsLost || 0;
                    received += s.packetsReceived || 0;
                }
            });
            // Loss over the last interval, not since the call began.
            const last = peer.lastLoss || { lost: 0, received: 0 };
            const dLost = lost - last.lost, dAll = dLost + received - last.received;
            peer.lastLoss = { lost, received };
            const lossPercent = dAll > 0 ? Math.max(0, 100 * dLost / dAll) : 0;
            const rttMs = pair && pair.currentRoundTripTime !== undefined ? Math.round(pair.currentRoundTripTime * 1000) : -1;
            dotnet.invokeMethodAsync('OnPeerQuality', peer.id, rttMs, lossPercent).catch(() => { });
        }
    }

    async function open(video) {
        const result = await openMedia(video);
        if (result.stream) {
            local = result.stream;
            bind();
        }
        return result.error;
    }

    async function setCamera(on) {
        let track = local.getVideoTracks()[0];
        if (!track && on) {
            const result = await openMedia(true);
            if (!result.stream) {
                return result.error;
            }
            track = result.stream.getVideoTracks()[0];
            local.addTrack(track);
            // Renegotiates with each peer (perfect negotiation: either side may offer).
            for (const peer of peers.values()) {
                peer.ready = true;
                peer.pc.addTrack(track, local);
            }
            bind();
        }
        if (track) {
            track.enabled = on;
        }
        return null;
    }

    function setMuted(muted) {
        for (const track of local.getAudioTracks()) {
            track.enabled = !muted;
        }
    }

    function close() {
        clearInterval(statsTimer);
        removeEventListener('pagehide', onPageHide);
        for (const id of [...peers.keys()]) {
            drop(id);
        }
        for (const track of local.getTracks()) {
            track.stop();
        }
    }

    // Best effort: the hub call may not leave before the page does; the server drops a seat nobody renews anyway.
    function onPageHide() {
        dotnet.invokeMethodAsync('OnPageHide').catch(() => { });
        close();
    }

    addEventListener('pagehide', onPageHide);
    statsTimer = setInterval(measure, statsEveryMs);
    return { configure, open, connect, signal, retarget, drop, setCamera, setMuted, bind, close };
}

function selectedPair(stats) {
    let pair = null;
    stats.forEach(s => {
        if (s.type === 'transport' && s.selectedCandidatePairId) {
            pair = stats.get(s.selectedCandidatePairId);
        }
    });
    if (!pair) {
        stats.forEach(s => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
    }
    return pair;
}
