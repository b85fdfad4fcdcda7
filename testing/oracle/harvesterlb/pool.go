package harvesterlb

import (
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"sort"

	"github.com/containernetworking/cni/pkg/types"
	cnip "github.com/containernetworking/plugins/pkg/ip"
	"github.com/containernetworking/plugins/plugins/ipam/host-local/backend/allocator"
)

// Range is one entry of an IPPool's spec.ranges.
type Range struct {
	Subnet     string `json:"subnet"`
	RangeStart string `json:"rangeStart,omitempty"`
	RangeEnd   string `json:"rangeEnd,omitempty"`
	Gateway    string `json:"gateway,omitempty"`
}

// Pool is one IPPool with its allocator, rebuilt whenever its ranges change (controller/ippool OnChange).
type Pool struct {
	Name      string
	Status    *Status
	ranges    []Range
	rangeSet  allocator.RangeSet
	allocator *allocator.IPAllocator
}

// NewPool starts as Harvester's ippool controller does the first time it sees a pool: an allocator from the
// ranges, then total and available from them and the allocated addresses, and the history outside the ranges pruned.
func NewPool(name string, ranges []Range, status *Status) (*Pool, error) {
	if status == nil {
		status = &Status{}
	}
	p := &Pool{Name: name, Status: status}
	return p, p.SetRanges(ranges)
}

func (p *Pool) SetRanges(ranges []Range) error {
	if len(ranges) == 0 {
		return fmt.Errorf("range can't be empty")
	}
	var set allocator.RangeSet
	var total int64
	for i := range ranges {
		r, err := makeRange(ranges[i])
		if err != nil {
			return err
		}
		set = append(set, *r)
		total += count(r)
	}
	p.ranges = ranges
	p.rangeSet = set
	p.allocator = allocator.NewIPAllocator(&p.rangeSet, &Store{Status: p.Status}, 0)
	p.Status.Total = total
	p.Status.Available = total - int64(len(p.Status.Allocated))
	kept := map[string]string{}
	for ip, holder := range p.Status.AllocatedHistory {
		if parsed := net.ParseIP(ip); parsed != nil && p.rangeSet.Contains(parsed) {
			kept[ip] = holder
		}
	}
	p.Status.AllocatedHistory = kept
	return nil
}

// Get serves applicant as pkg/ipam Allocator.Get does: the address its history remembers first, else the iterator.
func (p *Pool) Get(applicant string) (net.IP, error) {
	var remembered []string
	for ip, holder := range p.Status.AllocatedHistory {
		if holder == applicant {
			remembered = append(remembered, ip)
		}
	}
	if len(remembered) > 1 {
		// the reference ranges over a Go map here: which address it takes is not defined
		sort.Strings(remembered)
		return nil, fmt.Errorf("undefined: %s is remembered at %v", applicant, remembered)
	}
	var requested net.IP
	if len(remembered) == 1 {
		requested = net.ParseIP(remembered[0])
	}
	config, err := p.allocator.Get(applicant, "", requested)
	if err != nil {
		return nil, err
	}
	return config.Address.IP, nil
}

func (p *Pool) Release(applicant string) error {
	return p.allocator.Release(applicant, "")
}

// makeRange gives a range the defaults Harvester documents and applies (pkg/ipam/allocator.go MakeRange): start
// and gateway the subnet's first host, end its last address less one for IPv4; a /32 is that one address and no
// gateway; start and end swapped when given the wrong way round.
func makeRange(r Range) (*allocator.Range, error) {
	ip, subnet, err := net.ParseCIDR(r.Subnet)
	if err != nil {
		return nil, err
	}
	var defaultStart, defaultEnd, defaultGateway net.IP
	if subnet.Mask.String() == "ffffffff" {
		defaultStart, defaultEnd = ip.To16(), ip.To16()
	} else {
		defaultStart = cnip.NextIP(subnet.IP).To16()
		defaultGateway = cnip.NextIP(subnet.IP).To16()
		last := make(net.IP, len(subnet.IP))
		for i := range subnet.IP {
			last[i] = subnet.IP[i] | ^subnet.Mask[i]
		}
		if subnet.IP.To4() != nil {
			last[3]--
		}
		defaultEnd = last.To16()
	}
	start, err := parse(r.RangeStart, subnet, defaultStart)
	if err != nil {
		return nil, fmt.Errorf("invalid range start %s: %w", r.RangeStart, err)
	}
	end, err := parse(r.RangeEnd, subnet, defaultEnd)
	if err != nil {
		return nil, fmt.Errorf("invalid range end %s: %w", r.RangeEnd, err)
	}
	gateway, err := parse(r.Gateway, subnet, defaultGateway)
	if err != nil {
		return nil, fmt.Errorf("invalid gateway %s: %w", r.Gateway, err)
	}
	startAddr, _ := netip.AddrFromSlice(start)
	endAddr, _ := netip.AddrFromSlice(end)
	if startAddr.Compare(endAddr) > 0 {
		start, end = end, start
	}
	return &allocator.Range{RangeStart: start, RangeEnd: end, Subnet: types.IPNet(*subnet), Gateway: gateway}, nil
}

func parse(text string, subnet *net.IPNet, fallback net.IP) (net.IP, error) {
	if text == "" {
		return fallback, nil
	}
	ip := net.ParseIP(text)
	if ip == nil {
		return nil, fmt.Errorf("invalid IP %s", text)
	}
	if !subnet.Contains(ip) {
		return nil, fmt.Errorf("IP %s is out of subnet %s", text, subnet)
	}
	network := subnet.IP.Mask(subnet.Mask)
	broadcast := make(net.IP, len(subnet.IP))
	for i := range subnet.IP {
		broadcast[i] = subnet.IP[i] | ^subnet.Mask[i]
	}
	if ip.Equal(network) {
		return nil, fmt.Errorf("IP %s is the network address", text)
	}
	if ip.Equal(broadcast) {
		return nil, fmt.Errorf("IP %s is the broadcast address", text)
	}
	return ip, nil
}

// count is Harvester's total for one range: its addresses, less the gateway when the range holds it.
func count(r *allocator.Range) int64 {
	n := new(big.Int).Sub(toInt(r.RangeEnd), toInt(r.RangeStart))
	n.Add(n, big.NewInt(1))
	total := n.Int64()
	if r.Gateway != nil && r.Contains(r.Gateway) {
		total--
	}
	return total
}

func toInt(ip net.IP) *big.Int {
	if v4 := ip.To4(); v4 != nil {
		return new(big.Int).SetBytes(v4)
	}
	return new(big.Int).SetBytes(ip.To16())
}
